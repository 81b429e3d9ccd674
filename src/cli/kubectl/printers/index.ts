/**
 * The pure printing layer of the simulated kubectl: byte-exact `get` tables, ages and
 * quantities (`describe` documents are describe/, loaded with the deferred programs). Nothing here reads a clock; callers pass virtual "now".
 */
export { printTable, printGet, noResourcesFound, kindPrefix, labelColumnHeaders, labelColumnCells, type TableOptions } from './table-printer';
export { kindPrinters, type KindObjects, type PrintableKind, type KindPrinter, type Column, type CellContext } from './tables/index';
export { formatLabels, formatLabelSelector, labelSelectorString, findNodeRoles } from './tables/index';
export { humanDuration, translateTimestampSince, formatRFC1123Z, parseTimestamp } from './human-duration';
export { parseQuantity, formatQuantity, addQuantities, milliValue, unitValue, type Quantity } from './quantity';
export { TabWriter, TabFlags, newGetTabWriter, newDescribeTabWriter, tabify } from './tabwriter';
