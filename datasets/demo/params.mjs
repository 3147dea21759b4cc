// The fixed parameters of the demo estate: seed, the instant to replay with (`--now`), the tenant id.
export const DEMO = { seed: 1543002, now: '2025-06-12T08:00:00.0000000Z', tenantId: '0b9f6c1e-3d2a-4e5f-8a7b-9c0d1e2f3a4b' };
