// A badge with a pale background and dark text of the same hue, so its words stay readable (contrast above 7:1).
import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

export type Tone = 'red' | 'green' | 'orange' | 'blue' | 'gray';

const palette: Record<Tone, { color: string; text: string }> = {
  red: { color: 'partyRed', text: 'partyRed.9' },
  green: { color: 'green', text: 'green.9' },
  orange: { color: 'orange', text: 'orange.9' },
  blue: { color: 'blue', text: 'blue.9' },
  gray: { color: 'gray', text: 'gray.9' },
};

export function ToneBadge({
  tone,
  outline = false,
  children,
  ...rest
}: { tone: Tone; outline?: boolean; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant' | 'c'>) {
  const p = palette[tone];
  return (
    <Badge variant={outline ? 'outline' : 'light'} color={outline ? p.text : p.color} c={p.text} {...rest}>
      {children}
    </Badge>
  );
}
