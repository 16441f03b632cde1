import ICAL from 'ical.js';
import { ReceivedMail } from './mail-server';

export interface Invite {
  method: string;
  uid: string;
  sequence: number;
  /** DTSTART/DTEND exactly as written (UTC: ending in Z). */
  rawStart: string;
  rawEnd: string;
  start: string;
  end: string;
  status: string;
  attendees: string[];
}

/** The calendar invite of a message (the text/calendar part), parsed by an independent library. */
export function inviteOf(mail: ReceivedMail): Invite | null {
  const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return null;
  const ics = part.content.toString('utf8');
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error(`no VEVENT in ${ics}`);
  const event = new ICAL.Event(vevent);
  const raw = (name: string) => (ics.match(new RegExp(`^${name}[;:](.*)$`, 'm'))?.[1] ?? '').trim();
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    rawStart: raw('DTSTART'),
    rawEnd: raw('DTEND'),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    status: String(vevent.getFirstPropertyValue('status')),
    attendees: vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).replace(/^mailto:/i, '').toLowerCase()),
  };
}

/** "recipient template" for each message, sorted: what a journey is compared by. */
export const summary = (mails: ReceivedMail[]): string[] => mails.flatMap((m) => m.to.map((to) => `${to} ${m.template}`)).sort();
