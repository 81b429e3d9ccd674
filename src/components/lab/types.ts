import type { RuntimePreference } from '../../runtime/types';

/** A task as the panel shows it, its Markdown already rendered to HTML at build time. */
export interface PanelTask {
  id: string;
  title: string;
  points: number;
  required: boolean;
  instructionsHtml: string;
  hintsHtml: string[];
}

export interface PanelProps {
  /** The lab under labs/, or undefined for a free sandbox terminal. */
  labId?: string;
  title: string;
  summaryHtml?: string;
  tasks?: PanelTask[];
  solution?: string[];
  runtime?: RuntimePreference;
  /** Terminal height in rows. */
  rows?: number;
}
