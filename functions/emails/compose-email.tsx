/**
 * One email, two bodies: a message is described once as a list of blocks (paragraphs, a
 * bulleted list, a button link, a quote, the expectations summary, a signature) and rendered here both as HTML
 * and as plain text, so the two can never say different things.
 *
 * Contract: every string in a block is text, never markup; the HTML is built with hono/jsx,
 * which escapes it. The subject comes back as one line whatever was interpolated into it,
 * because a line break in a header would let a name or a title add headers of its own.
 * The HTML has inline styles only and no images of its own. (On AWS the configuration set's
 * open tracking adds SES's pixel, which is how "opened" events are recorded.)
 */
import type { Locale } from '../domain/engagement.js';
import type { ExpectationSection } from '../i18n.js';
import { messages } from '../i18n.js';

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'button'; label: string; href: string }
  /** A quiet link at the end: where the client can always see how things stand. */
  | { kind: 'status-link'; href: string }
  | { kind: 'quote'; text: string }
  | { kind: 'sections'; sections: ExpectationSection[] }
  | { kind: 'signature'; name: string };

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Line breaks, other control characters and runs of spaces become one space. */
function singleLine(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1d2430;';
const P = 'margin:0 0 16px;';
const BUTTON = 'display:inline-block;background:#1a56a0;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px;';
const SMALL = 'margin:0 0 16px;font-size:14px;color:#4a5563;';

function BlockHtml({ block, locale }: { block: Block; locale: Locale }) {
  switch (block.kind) {
    case 'paragraph':
      return <p style={P}>{block.text}</p>;
    case 'list':
      return (
        <ul style="margin:0 0 16px;padding-left:20px;">
          {block.items.map((item) => <li style="margin:0 0 6px;">{item}</li>)}
        </ul>
      );
    case 'button':
      return (
        <>
          <p style={P}><a href={block.href} style={BUTTON}>{block.label}</a></p>
          <p style={SMALL}>
            {messages(locale).email.linkFallback}<br />
            <a href={block.href} style="color:#1a56a0;word-break:break-all;">{block.href}</a>
          </p>
        </>
      );
    case 'status-link':
      return (
        <p style={SMALL}>
          {messages(locale).email.statusLink}{' '}
          <a href={block.href} style="color:#1a56a0;word-break:break-all;">{block.href}</a>
        </p>
      );
    case 'quote':
      return (
        <blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d5d9e0;white-space:pre-wrap;">
          {block.text}
        </blockquote>
      );
    case 'sections':
      return (
        <>
          {block.sections.map((section) => (
            <>
              <h2 style="margin:24px 0 8px;font-size:18px;">{section.title}</h2>
              <ul style="margin:0 0 16px;padding-left:20px;">
                {section.items.map((item) => (
                  <li style="margin:0 0 6px;white-space:pre-wrap;"><strong>{item.label}:</strong> {item.value}</li>
                ))}
              </ul>
            </>
          ))}
        </>
      );
    case 'signature':
      return <p style={P}>{messages(locale).email.signOff}<br />{block.name}</p>;
  }
}

function blockText(block: Block, locale: Locale): string {
  const indent = (s: string) => s.replace(/\n/g, '\n  ');
  switch (block.kind) {
    case 'paragraph': return block.text;
    case 'list': return block.items.map((item) => `- ${item}`).join('\n');
    case 'button': return `${block.label}:\n${block.href}`;
    case 'status-link': return `${messages(locale).email.statusLink}\n${block.href}`;
    case 'quote': return block.text.split('\n').map((l) => `> ${l}`).join('\n');
    case 'sections':
      return block.sections
        .map((s) => [s.title.toUpperCase(), ...s.items.map((i) => `- ${i.label}: ${indent(i.value)}`)].join('\n'))
        .join('\n\n');
    case 'signature': return `${messages(locale).email.signOff}\n${block.name}`;
  }
}

export function composeEmail(args: { locale: Locale; subject: string; blocks: Block[] }): RenderedEmail {
  const subject = singleLine(args.subject);
  const document = (
    <html lang={args.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{subject}</title>
      </head>
      <body style="margin:0;padding:0;background:#f4f5f7;">
        <div style={`max-width:560px;margin:0 auto;padding:24px 16px;${FONT}`}>
          <div style="background:#ffffff;border-radius:8px;padding:24px;">
            {args.blocks.map((block) => <BlockHtml block={block} locale={args.locale} />)}
          </div>
        </div>
      </body>
    </html>
  );
  // Every block renders synchronously; a promise here would mean an async component crept in.
  if (document instanceof Promise) throw new Error('email markup must render synchronously');
  return {
    subject,
    html: `<!DOCTYPE html>${document.toString()}`,
    text: `${args.blocks.map((b) => blockText(b, args.locale)).join('\n\n')}\n`,
  };
}
