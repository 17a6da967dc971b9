import { embedSnippets, renderEmbedPage } from './render-embed';

describe('banner embed rendering', () => {
  it('escapes every operator-supplied text and links only to the click redirect', () => {
    const html = renderEmbedPage({
      campaignId: 'c1',
      headline: '<script>alert(1)</script> Ủng hộ',
      body: '"quoted" & more',
      clickUrl: 'http://127.0.0.1:3000/embed/k/click/c1',
      viewUrl: 'http://127.0.0.1:3000/embed/k/view/c1',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ủng hộ');
    expect(html).toContain('&quot;quoted&quot; &amp; more');
    expect(html).toContain('href="http://127.0.0.1:3000/embed/k/click/c1"');
  });

  it('renders an empty page when nothing is active', () => {
    expect(renderEmbedPage(null)).not.toContain('<a');
  });

  it('never lets the iframe run scripts with its own origin, in any size', () => {
    const snippets = embedSnippets('http://x/embed/k');
    expect(snippets.map((s) => s.size)).toEqual(['300x250', '728x90', '320x100', '320x50', '160x600', 'responsive']);
    for (const { html } of snippets) {
      const sandbox = /sandbox="([^"]*)"/.exec(html)?.[1] ?? '';
      expect(sandbox).not.toContain('allow-same-origin');
      expect(sandbox).not.toContain('allow-scripts');
      expect(html).not.toContain('<script');
    }
    expect(snippets[1].html).toContain('width="728" height="90"');
  });

  it('counts a view with a pixel from our origin only where counting is wanted', () => {
    const banner = { campaignId: 'c1', headline: 'H', body: null, clickUrl: 'https://x.gov.vn/' };
    expect(renderEmbedPage({ ...banner, viewUrl: 'http://a/embed/k/view/c1' })).toContain(
      '<img class="loa-view" src="http://a/embed/k/view/c1" alt="">',
    );
    expect(renderEmbedPage({ ...banner, viewUrl: null })).not.toContain('<img');
  });
});
