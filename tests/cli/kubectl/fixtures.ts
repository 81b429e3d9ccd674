/** Manifests and helpers shared by the kubectl specs. */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { clone } from '../../../src/engine/api/objects';
import type { Cluster } from '../../../src/engine/cluster';
import { kubeletComponents } from '../../../src/engine/kubelet/index';
import { schedulerComponents } from '../../../src/engine/scheduler/index';
import { workloadControllerComponents } from '../../../src/engine/controllers/index';

/** Scheduler, workload controllers and kubelets: enough for rollouts, logs and exec. */
export const FULL = [schedulerComponents, workloadControllerComponents, kubeletComponents];

export const WEB_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

export const POD = (name: string, labels = 'app: x') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    ${labels}
spec:
  containers:
  - name: c
    image: busybox
`;

/** API-only clusters have no controllers, so tests write a Deployment's status by hand. */
export function setDeploymentStatus(cluster: Cluster, name: string, status: NonNullable<Deployment['status']>): void {
  const d = clone(cluster.api.get<Deployment>('deployments', 'default', name));
  d.status = status;
  cluster.api.updateStatus('deployments', d, 'test');
}
