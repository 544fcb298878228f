/**
 * The page shell every HTML page uses: doctype, `<html lang>`, viewport and no-referrer meta,
 * one `<style>` element (no external assets, no scripts), a skip link, an optional en/ru
 * switch, and the `<main>` landmark the content goes into.
 *
 * Contract: `PAGE_CSS` is the exact text of the style element, exported so the HTTP layer can
 * hash it for its Content-Security-Policy. It contains no `& < > " '`, because the style
 * element's text is escaped like any other text and must come out unchanged.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Locale } from '../../domain/engagement.js';
import { LOCALES } from '../../domain/engagement.js';
import { messages } from '../../i18n.js';

export const PAGE_CSS = [
  '*,*::before,*::after{box-sizing:border-box}',
  'html{-webkit-text-size-adjust:100%;text-size-adjust:100%}',
  'body{margin:0;font:1rem/1.5 system-ui,-apple-system,sans-serif;color:#1d2430;background:#f4f5f7;overflow-wrap:break-word}',
  'a{color:#1a56a0}',
  ':focus-visible{outline:3px solid #e8a600;outline-offset:2px}',
  '.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem}',
  '.skip:focus{left:0;z-index:1}',
  '.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
  '.lang{max-width:44rem;margin:0 auto;padding:.75rem 1rem 0;display:flex;justify-content:flex-end;gap:1rem}',
  '.lang [aria-current]{font-weight:600}',
  'main{display:block;max-width:44rem;margin:0 auto;padding:1rem 1rem 3rem}',
  'h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}',
  'h2{font-size:1.25rem;line-height:1.3;margin:1.5rem 0 .5rem}',
  'h3{font-size:1.05rem;margin:1.25rem 0 .25rem}',
  '.lead{font-size:1.1rem}',
  '.muted{color:#4a5563}',
  '.card,fieldset.section{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:1rem;margin:0 0 1.25rem}',
  'fieldset{min-width:0;margin:0;padding:0;border:0}',
  'legend{padding:0}',
  '.section-title{font-size:1.25rem;font-weight:700;padding:0 .25rem}',
  '.field{margin:1.25rem 0 0}',
  '.field.has-error{border-left:4px solid #b3261e;padding-left:.75rem}',
  '.section.has-error{border:2px solid #b3261e}',
  'label,.group legend{display:block;font-weight:600}',
  '.optional{font-weight:400;color:#4a5563}',
  '.help{margin:.125rem 0 .375rem;color:#4a5563;font-size:.95rem}',
  '.error{margin:.25rem 0;color:#b3261e;font-weight:600}',
  'input[type=text],input[type=email],input[type=number],input[type=time],input[type=date],input[type=datetime-local],input[type=url],select,textarea{display:block;width:100%;max-width:100%;font:inherit;padding:.5rem .625rem;border:2px solid #69707d;border-radius:.25rem;background:#fff;color:inherit}',
  'input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border-color:#b3261e}',
  'textarea{min-height:6rem;resize:vertical}',
  '.with-unit{display:flex;align-items:center;gap:.5rem}',
  '.with-unit input{width:7rem}',
  'input[type=time]{width:9rem}',
  '.row{display:flex;flex-wrap:wrap;gap:0 1.5rem}',
  '.row .field{flex:1 1 12rem}',
  '.choices{margin-top:.25rem}',
  '.choices.inline{display:flex;flex-wrap:wrap;gap:0 1.25rem}',
  '.choice{display:flex;align-items:flex-start;gap:.625rem;margin:.5rem 0}',
  '.choice input{flex:none;width:1.375rem;height:1.375rem;margin:.0625rem 0 0}',
  '.choice label{font-weight:400}',
  '.hint{display:block;color:#4a5563;font-size:.95rem}',
  'button{font:inherit;font-weight:600;color:#fff;background:#1a56a0;border:0;border-radius:.375rem;padding:.75rem 1.25rem;min-height:2.75rem;width:100%;cursor:pointer}',
  'button:hover{background:#154685}',
  '.signed-in{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:0 0 1rem}',
  'button.quiet{width:auto;min-height:2.75rem;padding:.5rem 1rem;color:#1a56a0;background:#fff;border:2px solid #1a56a0}',
  'button.quiet:hover{background:#e8eef7}',
  '.actions{margin-top:1.5rem}',
  '.notice{border-left:4px solid #1a56a0;background:#e9f1fb;padding:.75rem 1rem;margin:0 0 1.25rem}',
  '.error-summary{border:3px solid #b3261e;background:#fff;padding:1rem;margin:0 0 1.25rem}',
  '.error-summary h2{margin-top:0}',
  '.error-summary a{color:#b3261e;font-weight:600}',
  '.plain{list-style:none;padding:0;margin:0}',
  '.plain li{padding:.75rem 0;border-top:1px solid #e2e5ea}',
  '.plain li:first-child{border-top:0}',
  'dl{margin:0}',
  'dl.items dt{font-weight:600;margin-top:.625rem}',
  'dl.items dt:first-child,.card .field:first-child,.card h3:first-child{margin-top:0}',
  'dl.items dd{margin:0}',
  '.prewrap{white-space:pre-wrap}',
  'ol.card{padding-left:2.5rem}',
  '.badge{display:inline-block;padding:.125rem .625rem;border-radius:1rem;font-size:.875rem;font-weight:600;background:#e4e7ec;color:#1d2430}',
  '.badge.awaiting-kickoff{background:#fff3d6;color:#6b4a00}',
  '.badge.kickoff-answered{background:#e2eefb;color:#123f75}',
  '.badge.expectations-agreed{background:#ddf2e3;color:#195c2e}',
  '.badge.kickoff-unanswered{background:#fbe3e1;color:#8a1c12}',
  '.badge.stalled{background:#fbe3e1;color:#8a1c12}',
  '.badge.closed{background:#dde3ea;color:#2c3a4b}',
  '.badge.in-progress{background:#e2eefb;color:#123f75}',
  '.badge.awaiting-confirmation{background:#fff3d6;color:#6b4a00}',
  '.badge.confirmed{background:#ddf2e3;color:#195c2e}',
  '.badge.reopened{background:#fbe3e1;color:#8a1c12}',
  '.badge.open{background:#fff3d6;color:#6b4a00}',
  '.badge.answered{background:#ddf2e3;color:#195c2e}',
  '.badge.overdue{background:#b3261e;color:#fff}',
  '.plain h3{margin:0 0 .25rem}',
  'p.detail{margin:.375rem 0 0}',
  'details{margin:.75rem 0 0}',
  'summary{cursor:pointer;font-weight:600;color:#1a56a0;padding:.25rem 0}',
  '.copy{font-family:ui-monospace,monospace;font-size:.875rem}',
  'main:has(.wide){max-width:80rem}',
  'h2.sub{font-size:1.1rem;margin:1rem 0 .5rem}',
  '.overall{font-size:1.25rem;margin:0 0 .5rem}',
  '.overall strong{font-size:1.6rem}',
  '.bar{display:block;width:100%;height:.75rem;margin:.25rem 0 0}',
  '.bar .track{fill:#e2e5ea}',
  '.fill.b1{fill:#b3261e}',
  '.fill.b2{fill:#b45309}',
  '.fill.b3{fill:#8a6d00}',
  '.fill.b4{fill:#2f7d32}',
  '.fill.b5{fill:#1b6b3a}',
  '.dims li{padding:.5rem 0}',
  'ol.card.points{padding-left:1rem}',
  '.filter .field{margin:.5rem 0 0}',
  '.chart{display:block;width:100%;height:auto;background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;margin:0 0 1rem}',
  '.chart text{fill:#4a5563;font-size:22px}',
  '.chart .grid{stroke:#e2e5ea;stroke-width:1}',
  '.chart .axis{stroke:#69707d;stroke-width:1}',
  '.chart .line{fill:none;stroke:#1a56a0;stroke-width:2.5}',
  '.chart .pt{fill:#1a56a0;stroke:#fff;stroke-width:2}',
  '.chart a:hover .pt,.chart a:focus .pt{fill:#e8a600;stroke:#1d2430}',
  ':target{scroll-margin-top:1rem}',
  'li:target,section:target h3{background:#fff3d6}',
  '.badge.sev-high{background:#b3261e;color:#fff}',
  '.badge.sev-medium{background:#fff3d6;color:#6b4a00}',
  '.badge.sev-low{background:#e4e7ec;color:#1d2430}',
  '.evidence{margin:.25rem 0 0;padding-left:1.25rem}',
  'code{font-family:ui-monospace,monospace;font-size:.875rem}',
  '.table-wrap{overflow-x:auto;margin:0 0 1.25rem;background:#fff;border:1px solid #d5d9e0;border-radius:.5rem}',
  'table{border-collapse:collapse;width:100%}',
  'th,td{padding:.5rem .625rem;text-align:left;vertical-align:top;border-top:1px solid #e2e5ea}',
  'thead th{border-top:0;background:#f4f5f7;white-space:nowrap}',
  '.num{text-align:right;font-variant-numeric:tabular-nums}',
  '.heat{text-align:center;font-weight:700;font-variant-numeric:tabular-nums;color:#1d2430}',
  '.heat a{display:block;color:#1d2430}',
  '.heat.b1{background:#f5b5ad}',
  '.heat.b2{background:#f9cf9f}',
  '.heat.b3{background:#f6e38f}',
  '.heat.b4{background:#cfe8b9}',
  '.heat.b5{background:#9fd8b0}',
  '.legend{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}',
  '.swatch{display:inline-block;width:1rem;height:1rem;vertical-align:middle;border:1px solid #69707d;border-radius:.125rem}',
  '.pager{display:flex;gap:1.5rem;margin:1rem 0}',
  '@media (min-width:40em){button{width:auto}h1{font-size:1.9rem}main{padding-top:1.5rem}.chart text{font-size:13px}}',
].join('\n');

export interface LangSwitch {
  en: string;
  ru: string;
}

export function Layout(props: { locale: Locale; title: string; langSwitch?: LangSwitch; children?: Child }) {
  const m = messages(props.locale);
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={props.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <meta name="robots" content="noindex, nofollow" />
          <meta name="color-scheme" content="light" />
          <title>{props.title}</title>
          <style>{PAGE_CSS}</style>
        </head>
        <body>
          <a class="skip" href="#main">{m.layout.skipLink}</a>
          {props.langSwitch ? <LanguageSwitch current={props.locale} links={props.langSwitch} /> : null}
          <main id="main" tabindex={-1}>{props.children}</main>
        </body>
      </html>
    </>
  );
}

/** Each language is named in itself and marked with its own `lang`, so it is read correctly. */
function LanguageSwitch({ current, links }: { current: Locale; links: LangSwitch }) {
  const m = messages(current);
  return (
    <nav class="lang" aria-label={m.language.label}>
      {LOCALES.map((locale) => (locale === current
        ? <span lang={locale} aria-current="true">{m.language[locale]}</span>
        : <a href={links[locale]} lang={locale} hreflang={locale}>{m.language[locale]}</a>))}
    </nav>
  );
}
