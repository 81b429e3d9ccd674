/** Network tools each simulated image ships, and in which flavour. */
export const IMAGE_TOOLS: Record<string, { flavour: 'busybox' | 'gnu'; tools: string[] }> = {
  busybox: { flavour: 'busybox', tools: ['wget', 'nc', 'ping', 'nslookup'] },
  'http-app': { flavour: 'busybox', tools: ['curl', 'wget', 'nc', 'ping', 'nslookup'] },
  nginx: { flavour: 'gnu', tools: ['curl'] },
  dnsutils: { flavour: 'gnu', tools: ['nslookup', 'dig', 'ping', 'nc', 'curl', 'wget'] },
};
