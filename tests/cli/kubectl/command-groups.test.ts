import { describe, expect, it } from 'vitest';
import { groupSubcommands } from '../../../src/cli/kubectl/command-groups';
import { realSubcommand } from '../../../src/cli/kubectl/real-commands';
import { bench } from './harness';

const FOOTER = (path: string) => `Use "kubectl ${path} <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;

/** What kubectl v1.32 prints from "Available Commands:" on, run as `kubectl <group>`. */
const REAL_TAILS: Record<string, string> = {
  rollout: `Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

${FOOTER('rollout')}`,
  set: `Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

${FOOTER('set')}`,
  'create service': `Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

${FOOTER('create service')}`,
};

describe('a kubectl command group run without its sub-command', () => {
  it('prints the group help with every real sub-command, as kubectl does, and exits 1', () => {
    const b = bench();
    const k = (line: string) => b.k(line);
    const rollout = k('rollout');
    expect(rollout).toMatchObject({ stderr: '', exitCode: 1 });
    expect(rollout.stdout).toBe(`Manage the rollout of one or many resources.\n\n${REAL_TAILS.rollout}`);
    // set, config and create service write it to stderr; rollout is wired to stdout.
    const set = k('set');
    expect(set).toMatchObject({ stdout: '', exitCode: 1 });
    expect(set.stderr).toBe(`Configure application resources.\n\n${REAL_TAILS.set}`);
    for (const line of ['create service', 'create svc']) {
      const service = k(line);
      expect(service).toMatchObject({ stdout: '', exitCode: 1 });
      expect(service.stderr).toBe(`Create a service using a specified subcommand.\n\n${REAL_TAILS['create service']}`);
    }
    const config = k('config');
    expect(config.exitCode).toBe(1);
    expect(config.stderr).toContain('\n  current-context   Display the current-context\n');
    expect(config.stderr).toContain('\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n');
  });

  it('prints the same help for --help, with status 0', () => {
    const b = bench();
    const k = (line: string) => b.k(line);
    expect(k('rollout --help')).toEqual({ stdout: k('rollout').stdout, stderr: '', exitCode: 0 });
    expect(k('create service -h')).toEqual({ stdout: k('create service').stderr, stderr: '', exitCode: 0 });
  });

  it('still refuses a sub-command kubectl does not have', () => {
    const b = bench();
    const k = (line: string) => b.k(line);
    expect(k('rollout restore deploy/web')).toMatchObject({ stderr: 'error: unknown command "restore deploy/web"\nSee \'kubectl rollout -h\' for help and examples\n', exitCode: 1 });
  });

  it('lists the sub-commands real-commands.ts knows for each group', () => {
    for (const path of ['rollout', 'set', 'config', 'create service'] as const) {
      for (const name of groupSubcommands(path)) expect(realSubcommand(path, name), `${path} ${name}`).toBe(name);
    }
  });
});
