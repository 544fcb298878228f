/**
 * The client's expectations in plain words, one card per dimension: the same words the
 * "what we heard" email uses, shown to the manager on the engagement page and to the client
 * on their status page.
 *
 * Contract: headings are `<h3>` (the page gives the `<h2>`), with the ids
 * `expectations-<dimension>`, so a page shows one summary.
 */
import type { Locale } from '../../domain/engagement.js';
import type { Expectations } from '../../domain/expectations.js';
import { describeExpectations } from '../../i18n.js';

export function ExpectationsSummary({ expectations, locale }: { expectations: Expectations; locale: Locale }) {
  return (
    <>
      {describeExpectations(expectations, locale).map((section) => (
        <section class="card" aria-labelledby={`expectations-${section.dimension}`}>
          <h3 id={`expectations-${section.dimension}`}>{section.title}</h3>
          <dl class="items">
            {section.items.map((item) => <><dt>{item.label}</dt><dd class="prewrap">{item.value}</dd></>)}
          </dl>
        </section>
      ))}
    </>
  );
}
