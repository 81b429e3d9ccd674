/**
 * The files `clusterlab lab new ID` writes: a complete lab with one working task, so an author
 * starts from something `clusterlab lab test ID` already passes. The authoring guide
 * (content/authoring/labs.md) walks through exactly these files.
 */
export function scaffoldFiles(id: string, authorImport = '../../src/labs/author'): Record<string, string> {
  return {
    'lab.ts': labModule(id, authorImport),
    'tasks/deploy.md': DEPLOY_MD,
  };
}

const DEPLOY_MD = `Create a Deployment named \`hello\` that runs **2 replicas** of \`nginx:1.27\`,
and wait until both replicas are available.
`;

function labModule(id: string, authorImport: string): string {
  return `import { defineLab, deploymentRolledOut, markdownFile } from '${authorImport}';

export default defineLab({
  id: '${id}',
  title: 'Hello, Deployment',
  summary: 'Create a Deployment and watch it roll out.',
  seed: 1,
  setup: {
    workers: 2,
  },
  tasks: [
    {
      id: 'deploy',
      title: 'Run two replicas of nginx',
      instructions: markdownFile('tasks/deploy.md'),
      points: 10,
      check: deploymentRolledOut('default', 'hello', 'nginx:1.27'),
      hints: [
        '\`kubectl create deployment --help\` lists the flags for the image and the replica count.',
        'Run \`kubectl create deployment hello --image=nginx:1.27 --replicas=2\`, then \`kubectl rollout status deployment/hello\`.',
      ],
    },
  ],
  solution: [
    { input: 'kubectl create deployment hello --image=nginx:1.27 --replicas=2' },
    { input: 'kubectl rollout status deployment/hello' },
    { input: 'check' },
  ],
});
`;
}
