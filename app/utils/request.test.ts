import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './request.server';

// Where sign-in sends a person back to (`/login?redirectTo=…`): only a path of this site, as a browser
// would read it. The corpus holds known ways past checks that look at the text alone.

const site = 'https://jinmane.example.jp';
/** Where a browser on this site would go with the answer as its Location. */
const landsOn = (location: string) => new URL(location.replace(/[\t\n\r]/g, ''), site);

describe('safeRedirectPath', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeRedirectPath('/teams/3/interviews?q=%E5%B8%82%E9%95%B7#new')).toBe('/teams/3/interviews?q=%E5%B8%82%E9%95%B7#new');
    expect(safeRedirectPath('/teams/3/sheet', '/teams')).toBe('/teams/3/sheet');
  });

  it.each([
    ['//evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['/.//evil.example'],
    ['/./\t/evil.example'],
    ['/%2e//evil.example'],
    ['https://evil.example'],
    ['http:evil.example'],
    ['javascript:alert(1)'],
    ['\u0000/evil'],
    ['/\u0000'],
    ['/\u3000/evil.example'],
    [' /evil.example'],
    [''],
    ['evil.example'],
  ])('refuses %j', (value) => {
    expect(safeRedirectPath(value, '/teams')).toBe('/teams');
  });

  it('never sends a browser off this site, whatever it is given', () => {
    const pathLike = fc.stringMatching(/^[/\\.%\t\n\r :a-z0-9@?#]{0,24}$/);
    fc.assert(
      fc.property(fc.oneof(pathLike, fc.string()), (value) => {
        const location = safeRedirectPath(value, '/teams');
        expect(location.startsWith('/')).toBe(true);
        expect(landsOn(location).origin).toBe(site);
        // A Location header cannot carry a control character (Node refuses it: a 500).
        // eslint-disable-next-line no-control-regex
        expect(location).not.toMatch(/[\u0000-\u001f\u007f]/);
      }),
    );
  });
});
