import { renderEmbedPage, renderEmbedSnippet } from './render-embed';

describe('banner embed rendering', () => {
  it('escapes every operator-supplied text and links only to the click redirect', () => {
    const html = renderEmbedPage({
      campaignId: 'c1',
      headline: '<script>alert(1)</script> Ủng hộ',
      body: '"quoted" & more',
      clickUrl: 'http://127.0.0.1:3000/embed/k/click/c1',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ủng hộ');
    expect(html).toContain('&quot;quoted&quot; &amp; more');
    expect(html).toContain('href="http://127.0.0.1:3000/embed/k/click/c1"');
  });

  it('renders an empty page when nothing is active', () => {
    expect(renderEmbedPage(null)).not.toContain('<a');
  });

  it('never lets the iframe run scripts with its own origin', () => {
    const snippet = renderEmbedSnippet('http://x/embed/k');
    const sandbox = /sandbox="([^"]*)"/.exec(snippet)?.[1] ?? '';
    expect(sandbox).not.toContain('allow-same-origin');
    expect(sandbox).not.toContain('allow-scripts');
    expect(snippet).not.toContain('<script');
  });
});
