import { describe, expect, it } from 'vitest';
import { F, FIELD_NAMES } from './event-cursor.js';
import { projectedEvent } from './process-create.js';
import type { SysmonEvent } from './sysmon-event.js';

describe('projectedEvent', () => {
  it('keeps the System texts and only the requested EventData fields, with the same values', () => {
    const long = `/etc/systemd/system/${'x'.repeat(40)}\uD800.service`;
    const e: SysmonEvent = {
      eventId: 11,
      recordId: '98429',
      computer: 'bastion-061.example.internal',
      systemTime: '2024-05-14T00:00:00.580734600Z',
      data: { UtcTime: '2024-05-14 00:00:00.577', TargetFilename: long, Image: '/usr/bin/bash', FileVersion: '-' },
    };
    const p = projectedEvent(e, [F.UtcTime, F.TargetFilename, F.User], FIELD_NAMES);
    expect(p).toEqual({
      eventId: 11,
      recordId: '98429',
      computer: 'bastion-061.example.internal',
      systemTime: '2024-05-14T00:00:00.580734600Z',
      data: { UtcTime: '2024-05-14 00:00:00.577', TargetFilename: long },
    });
  });
});
