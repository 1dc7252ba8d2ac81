// Check-in that cannot usefully be forwarded (issue 9.10): the room code on the projector, changing every 30 seconds
// with a countdown and its QR code in step; the member's personal pass (a QR code on their phone, changing every
// minute) and the secretary's scanner for it (the camera with jsQR, or the code typed from under the QR code).
import { Alert, Box, Button, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { passBody, type passMarked, type rotatingCode } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { useFormErrors } from '../../components/forms.ts';
import { Section } from '../../components/Section.tsx';
import { type MeetingDetail, useMeetingWrite } from '../meetings/queries.ts';

type Rotating = z.infer<typeof rotatingCode>;

/** The number of whole seconds until a moment, ticking every second. */
function useSecondsUntil(atMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (atMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [atMs]);
  return atMs === null ? 0 : Math.max(0, Math.ceil((atMs - now) / 1000));
}

/**
 * A code that changes by the server's clock: fetched again just after it is replaced. The countdown runs on this
 * device's clock from the moment of the answer, so a phone whose clock is wrong still counts down right.
 */
function useRotatingCode(path: string, enabled: boolean) {
  const query = useQuery({
    queryKey: ['rotating-code', path],
    queryFn: ({ signal }) => api.get<z.infer<typeof rotatingCode>>(path, signal),
    enabled,
    staleTime: 0,
    retry: 1,
    refetchInterval: (q) => (q.state.data ? untilReplaced(q.state.data) + 300 : false),
  });
  const data = query.data;
  const replacedAt = data ? query.dataUpdatedAt + untilReplaced(data) : null;
  const secondsLeft = useSecondsUntil(replacedAt);
  return { data, secondsLeft, error: query.error };
}

const untilReplaced = (c: Rotating) => Math.max(0, Date.parse(c.validUntil) - Date.parse(c.serverNow));

/** Digits in two groups with a gap that copying and tests read as one code. */
function Digits({
  code,
  size,
  testId,
  label,
}: {
  code: string;
  size: string;
  testId: string;
  label: string;
}) {
  const half = Math.ceil(code.length / 2);
  return (
    <Text
      data-testid={testId}
      ff="monospace"
      fw={800}
      lh={1}
      style={{ fontSize: size, letterSpacing: '0.08em', whiteSpace: 'nowrap' }}
      aria-label={label}
    >
      <span>{code.slice(0, half)}</span>
      <span style={{ marginLeft: '0.4em' }}>{code.slice(half)}</span>
    </Text>
  );
}

function Countdown({
  seconds,
  windowSeconds,
  label,
}: {
  seconds: number;
  windowSeconds: number;
  label: string;
}) {
  return (
    <Stack gap={4} w="100%" maw={320}>
      <Progress value={(seconds / windowSeconds) * 100} size="sm" aria-hidden />
      <Text size="sm" c="dimmed" ta="center" data-testid="code-countdown">
        {label}
      </Text>
    </Stack>
  );
}

/** The room code for the projector and the secretary's screen. */
export function RoomCode({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const { data, secondsLeft } = useRotatingCode(`/meetings/${detail.id}/checkin-code`, true);
  const code = data?.code ?? detail.checkinCode ?? '';
  const url = `${window.location.origin}/meetings/${detail.id}?tab=room&code=${encodeURIComponent(code)}`;
  return (
    <Section title={t('meetingRoom.checkinCode')}>
      <Group gap="xl" wrap="wrap" align="center" justify="center">
        <Stack gap="xs" align="center">
          <Digits
            code={code}
            size="clamp(48px, 12vw, 120px)"
            testId="checkin-code"
            label={t('meetingRoom.codeIs', { code: code.split('').join(' ') })}
          />
          {data ? (
            <Countdown
              seconds={secondsLeft}
              windowSeconds={data.windowSeconds}
              label={t('meetingRoom.codeChangesIn', { seconds: secondsLeft })}
            />
          ) : null}
          <Text c="dimmed" ta="center">
            {t('meetingRoom.codeHint')}
          </Text>
        </Stack>
        <Box bg="white" p="sm" style={{ borderRadius: 8 }}>
          <QRCodeSVG
            value={url}
            size={220}
            level="M"
            marginSize={2}
            title={t('meetingRoom.qrTitle')}
            style={{ width: 'min(220px, 60vw)', height: 'auto', display: 'block' }}
          />
        </Box>
      </Group>
    </Section>
  );
}

/** The member's personal pass: shown on request, while they may still check in. */
export function MyPass({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const { data, secondsLeft, error } = useRotatingCode(`/meetings/${detail.id}/my-pass`, shown);
  if (!shown) {
    return (
      <Button variant="light" size="md" onClick={() => setShown(true)}>
        {t('meetingRoom.showPass')}
      </Button>
    );
  }
  return (
    <Stack gap="xs" align="center" data-testid="my-pass">
      <Text fw={600} ta="center">
        {t('meetingRoom.passTitle')}
      </Text>
      {data ? (
        <>
          <Box bg="white" p="sm" style={{ borderRadius: 8 }}>
            <QRCodeSVG
              value={data.code}
              size={200}
              level="M"
              marginSize={3}
              title={t('meetingRoom.passQrTitle')}
              style={{ width: 'min(200px, 60vw)', height: 'auto', display: 'block' }}
            />
          </Box>
          <Digits
            code={data.code}
            size="32px"
            testId="my-pass-code"
            label={t('meetingRoom.passIs', { code: data.code.split('').join(' ') })}
          />
          <Countdown
            seconds={secondsLeft}
            windowSeconds={data.windowSeconds}
            label={t('meetingRoom.passChangesIn', { seconds: secondsLeft })}
          />
          <Text size="sm" c="dimmed" ta="center">
            {t('meetingRoom.passHint')}
          </Text>
        </>
      ) : error ? (
        <Alert color="red" variant="light" role="alert">
          {t('meetingRoom.passUnavailable')}
        </Alert>
      ) : (
        <Text c="dimmed">{t('meetingRoom.loadingPass')}</Text>
      )}
    </Stack>
  );
}

type Marked = z.infer<typeof passMarked>;

/** The personal code as read from a QR code or typed: its digits, when it has the 8 a pass has. */
const passDigits = (text: string): string | null => {
  const digits = text.replace(/[\s-]+/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
};

/** The secretary marks members present by their personal pass: the camera, or the code typed from under the QR. */
export function PassScanner({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [marked, setMarked] = useState<Marked | null>(null);
  const [camera, setCamera] = useState(false);
  const errors = useFormErrors(['code']);
  const mark = useMeetingWrite(
    detail.id,
    (body: { code: string }) =>
      api.post<z.infer<typeof passMarked>>(`/meetings/${detail.id}/attendance/pass`, body),
    {
      onDone: (r) => {
        setMarked(r);
        setValue('');
        errors.clear();
      },
      onError: (e) => {
        setMarked(null);
        errors.fromError(e);
      },
    },
  );
  const send = (code: string) => {
    const parsed = passBody.safeParse({ code });
    if (!parsed.success) return errors.fromZod(parsed.error);
    mark.mutate({ code: parsed.data.code });
  };
  const cameraPossible = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
  return (
    <Section title={t('meetingRoom.scanTitle')}>
      <Text c="dimmed">{t('meetingRoom.scanHint')}</Text>
      {cameraPossible ? (
        camera ? (
          <CameraScanner
            onCode={(text) => {
              const digits = passDigits(text);
              if (digits && !mark.isPending) send(digits);
            }}
            onClose={() => setCamera(false)}
          />
        ) : (
          <Button variant="light" size="md" onClick={() => setCamera(true)}>
            {t('meetingRoom.openCamera')}
          </Button>
        )
      ) : null}
      <form
        ref={errors.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send(value);
        }}
      >
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('meetingRoom.passCode')}
            description={t('meetingRoom.passCodeHint')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            autoComplete="off"
            inputMode="numeric"
            maxLength={20}
            size="md"
            style={{ flex: '1 1 200px' }}
            styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.15em', fontSize: 22 } }}
            error={errors.fieldErrors.code}
          />
          <Button type="submit" size="md" loading={mark.isPending}>
            {t('meetingRoom.markByPass')}
          </Button>
        </Group>
      </form>
      {errors.formError && !errors.fieldErrors.code ? (
        <Alert color="red" variant="light" role="alert">
          {errors.formError}
        </Alert>
      ) : null}
      <div role="status" aria-live="polite">
        {marked ? (
          <Alert color="green" variant="light" data-testid="pass-marked">
            {t('meetingRoom.markedByPass', { name: marked.name })}
          </Alert>
        ) : null}
      </div>
    </Section>
  );
}

/** The back camera, read a few times a second with jsQR (loaded only when the camera opens). */
function CameraScanner({ onCode, onClose }: { onCode: (text: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = { text: '', at: 0 };
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    void (async () => {
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import('jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ]);
        stream = media;
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        const video = videoRef.current!;
        video.srcObject = media;
        await video.play();
        const scan = () => {
          if (stopped) return;
          if (context && video.videoWidth > 0) {
            // A small frame is enough for a phone's QR code and keeps a cheap phone responsive.
            const scale = Math.min(1, 480 / video.videoWidth);
            canvas.width = Math.round(video.videoWidth * scale);
            canvas.height = Math.round(video.videoHeight * scale);
            context.drawImage(video, 0, 0, canvas.width, canvas.height);
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
            // The same code held in front of the camera is sent once, not every frame.
            if (found?.data && (found.data !== last.text || Date.now() - last.at > 5000)) {
              last = { text: found.data, at: Date.now() };
              onCodeRef.current(found.data);
            }
          }
          timer = setTimeout(scan, 250);
        };
        scan();
      } catch {
        if (!stopped) setProblem(t('meetingRoom.cameraUnavailable'));
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  return (
    <Stack gap="xs">
      {problem ? (
        <Alert color="orange" variant="light" role="alert">
          {problem}
        </Alert>
      ) : (
        <video
          ref={videoRef}
          muted
          playsInline
          aria-label={t('meetingRoom.cameraView')}
          style={{ width: '100%', maxWidth: 360, borderRadius: 8, background: '#000' }}
        />
      )}
      <Button variant="default" size="sm" onClick={onClose} style={{ alignSelf: 'flex-start' }}>
        {t('meetingRoom.closeCamera')}
      </Button>
    </Stack>
  );
}
