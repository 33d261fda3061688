#!/usr/bin/env node
// Synthetic Plankit action plan generator, for benchmarks and manual testing.
//
//   node bench/generate-plan.mjs --actions N [--seed S] [--format yaml|json] [--as-of YYYY-MM-DD]
//
// Writes one plan of N actions to stdout. The output validates against schemas/plan.schema.json
// and is the same for the same arguments (seeded PRNG, default seed 1). The YAML is written by hand
// (no YAML library) so that it is quick to produce and reads like a file an officer keeps.
//
// The plan's financial year is the one containing --as-of (default 2017-12-31, so 2017/18).
// On purpose, about 2-5 % of actions and milestones are overdue at the as-of date, some are due
// within 14 days of it, a few leads are misspelt agencies ('Kent Polic') and a few dates are 'TBC',
// so that the checks have something to find.

const USAGE = `usage: node bench/generate-plan.mjs --actions N [--seed S] [--format yaml|json] [--as-of YYYY-MM-DD]

  --actions N        number of actions (a whole number, 0 or more)
  --seed S           PRNG seed, an integer (default 1)
  --format F         yaml (default) or json
  --as-of DATE       the plan's reporting date (default 2017-12-31); the plan period is the
                     financial year (1 April - 31 March) that contains it
`;

// ---------------------------------------------------------------------------------------------
// Arguments

function usageError(message) {
  process.stderr.write(`generate-plan: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { actions: undefined, seed: 1, format: 'yaml', asOf: '2017-12-31' };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const takeValue = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) usageError(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--actions': {
        const v = takeValue();
        if (!/^\d+$/.test(v)) usageError(`--actions must be a whole number, got '${v}'`);
        opts.actions = Number(v);
        if (opts.actions > 1_000_000) usageError('--actions must be at most 1000000');
        break;
      }
      case '--seed': {
        const v = takeValue();
        if (!/^-?\d+$/.test(v)) usageError(`--seed must be an integer, got '${v}'`);
        opts.seed = Number(v);
        break;
      }
      case '--format': {
        const v = takeValue();
        if (v !== 'yaml' && v !== 'json') usageError(`--format must be yaml or json, got '${v}'`);
        opts.format = v;
        break;
      }
      case '--as-of': {
        const v = takeValue();
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
        if (!m || iso(dn(+m[1], +m[2], +m[3])) !== v) usageError(`--as-of must be a real date YYYY-MM-DD, got '${v}'`);
        opts.asOf = v;
        break;
      }
      default:
        usageError(`unknown argument '${argv[i]}'`);
    }
  }
  if (opts.actions === undefined) usageError('--actions is required');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32) and helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let rand = mulberry32(1);
const chance = (p) => rand() < p;
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
/** Pick from [[value, weight], ...]. */
function weighted(pairs) {
  let total = 0;
  for (const p of pairs) total += p[1];
  let r = rand() * total;
  for (const p of pairs) {
    r -= p[1];
    if (r < 0) return p[0];
  }
  return pairs[pairs.length - 1][0];
}
/** k distinct items of arr (k <= arr.length). */
function sample(arr, k) {
  const copy = arr.slice();
  const out = [];
  while (out.length < k && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Civil dates as day numbers (days since 1970-01-01, UTC arithmetic, no time zones involved)

const DAY = 86_400_000;
const dn = (y, m, d) => Date.UTC(y, m - 1, d) / DAY;
function ymd(n) {
  const d = new Date(n * DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}
const pad2 = (n) => (n < 10 ? '0' : '') + n;
function iso(n) {
  const [y, m, d] = ymd(n);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}
function dmySlash(n) {
  const [y, m, d] = ymd(n);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const eom = (y, m) => dn(y, m + 1, 0);
const fyLabel = (y) => `${y}/${pad2((y + 1) % 100)}`;

// ---------------------------------------------------------------------------------------------
// Content: agencies, themes, phrases

// [id, name, aliases, kind, parent, url]
const AGENCIES = [
  ['KCC', 'Kent County Council', ['Kent CC', 'Kent County Council (KCC)'], 'agency', null, 'https://www.kent.gov.uk'],
  ['KCC PH', 'KCC Public Health', ['KCC Public Health', 'Public Health'], 'service', 'KCC'],
  ['KCC TS', 'KCC Trading Standards', ['KCC Trading Standards', 'Trading Standards'], 'service', 'KCC'],
  ['KCW', 'KCC Community Wardens', ['KCC Community Wardens', 'Community Wardens'], 'service', 'KCC'],
  ['IYS', 'KCC Integrated Youth Services', ['KCC IYS', 'Youth & community', 'Youth Workers'], 'service', 'KCC'],
  ['YOS', 'Kent Youth Offending Service', ['Youth Offending Team', 'YOT'], 'service', 'KCC'],
  ['KCC Highways', 'KCC Highways, Transportation and Waste', ['Highways'], 'service', 'KCC'],
  ['Kent Police', 'Kent Police', ['West Kent Police', 'Police', 'Kent Constabulary'], 'agency', null, 'https://www.kent.police.uk'],
  ['OPCC', 'Office of the Kent Police and Crime Commissioner', ['PCC', "Police and Crime Commissioner's Office"], 'agency'],
  ['KFRS', 'Kent Fire and Rescue Service', ['Kent Fire & Rescue', 'Fire and Rescue Service'], 'agency', null, 'https://www.kent.fire-uk.org'],
  ['WK CCG', 'NHS West Kent Clinical Commissioning Group', ['West Kent CCG', 'NHS West Kent'], 'agency'],
  ['DGS CCG', 'NHS Dartford, Gravesham and Swanley CCG', ['DGS CCG'], 'agency'],
  ['KMPT', 'Kent and Medway NHS and Social Care Partnership Trust', ['KMPT Mental Health'], 'agency'],
  ['KCHFT', 'Kent Community Health NHS Foundation Trust', ['Kent Community Health'], 'agency'],
  ['MTW', 'Maidstone and Tunbridge Wells NHS Trust', ['MTW NHS Trust'], 'agency'],
  ['SDC', 'Sevenoaks District Council', ['Sevenoaks DC'], 'agency', null, 'https://www.sevenoaks.gov.uk'],
  ['TMBC', 'Tonbridge and Malling Borough Council', ['Tonbridge & Malling BC'], 'agency', null, 'https://www.tmbc.gov.uk'],
  ['TWBC', 'Tunbridge Wells Borough Council', ['Tunbridge Wells BC'], 'agency'],
  ['DBC', 'Dartford Borough Council', ['Dartford Council'], 'agency'],
  ['GBC', 'Gravesham Borough Council', ['Gravesham Council'], 'agency'],
  ['NPS', 'National Probation Service', ['Probation', 'NPS Kent'], 'agency'],
  ['KSS CRC', 'Kent, Surrey and Sussex Community Rehabilitation Company', ['CRC', 'Kent Probation'], 'agency'],
  ['Kenward Trust', 'Kenward Trust', ['Kenward'], 'agency', null, 'https://www.kenwardtrust.org.uk'],
  ['CGL', 'Change Grow Live', ['CRI', 'Change, Grow, Live'], 'agency'],
  ['Turning Point', 'Turning Point', [], 'agency'],
  ['DAVSS', 'Domestic Abuse Volunteer Support Services', ['DAVSS Kent'], 'agency'],
  ['NKWA', "North Kent Women's Aid", ["NK Women's Aid", 'NKWA/DAVSS'], 'agency'],
  ['Victim Support', 'Victim Support', ['VS'], 'agency'],
  ['SMTG', 'Substance Misuse Task Group', ['Substance Misuse TG'], 'group'],
  ['NTE TG', 'Night Time Economy Task Group', ['NTE Task Group'], 'group'],
  ['ASB TG', 'ASB Task Group', ['Anti-Social Behaviour Task Group'], 'group', 'TMBC'],
  ['DA Forum', 'West Kent Domestic Abuse Forum', ['DA Working Group'], 'group'],
  ['RCRP', 'Road Casualty Reduction Partnership', ['Casualty Reduction Partnership'], 'group'],
  ['Pubwatch', 'Sevenoaks Pubwatch', ['Pubwatch scheme'], 'group'],
  ['Housing Associations', 'Registered Social Landlords', ['RSLs', 'West Kent Housing'], 'group'],
];
const AGENCY_IDS = AGENCIES.map((a) => a[0]);
const ALIASES = {};
const CANONICAL = new Map(); // any spelling -> id
for (const a of AGENCIES) {
  ALIASES[a[0]] = a[2].length ? a[2] : [a[1]];
  for (const s of [a[0], a[1], ...a[2]]) CANONICAL.set(s, a[0]);
}
const canonical = (ref) => CANONICAL.get(typeof ref === 'object' ? ref.agency : ref) ?? ref;
/** Spellings of real agencies that are in no register, so the checks report them. */
const MISSPELT = ['Kent Polic', 'West Kent Polce', 'Kenwood Trust', 'KCC Comunity Wardens', 'Sevenoaks District Concil', 'KFRS Road Safty'];

const OFFICERS = {
  KCC: ['Community Safety Team - Team Leader', 'Head of Community Safety', 'Strategic Commissioner'],
  'KCC PH': ['Public Health Specialist', 'Consultant in Public Health', 'Programme Manager, Substance Misuse'],
  'KCC TS': ['Trading Standards Manager', 'Senior Trading Standards Officer'],
  'Kent Police': ['Chief Inspector, West Division', 'DIP Manager', 'Community Safety Unit Inspector', 'Licensing Officer'],
  KFRS: ['Road Safety Manager', 'Director of Operations', 'Community Safety Manager'],
  SDC: ['Community Safety Manager', 'Licensing Manager'],
  TMBC: ['Community Safety Officer', 'ASB Officer', 'Licensing Manager'],
  NPS: ['Senior Probation Officer', 'Head of Kent Probation Delivery Unit'],
  DAVSS: ['Domestic Abuse Coordinator', 'IDVA Team Manager'],
  YOS: ['Youth Justice Manager'],
  RCRP: ['Road Safety Manager'],
};

const PLACES = [
  'in Sevenoaks town centre', 'in Swanley and Hextable', 'across the district', 'in Tonbridge', 'in Snodland',
  'across West Kent', 'in Edenbridge', 'in Dartford town centre', 'in Gravesend', 'in Tunbridge Wells',
  'in the borough', 'in rural parishes', 'in East Malling and Larkfield', 'in West Malling', 'county-wide',
];

const TOWNS = ['Sevenoaks', 'Swanley', 'Tonbridge', 'Snodland', 'Edenbridge', 'Dartford', 'Gravesend', 'Tunbridge Wells', 'West Malling'];

/**
 * Themes: name, aim, lead pool, action fragments [[verbs], object], measures [[text, polarity, unit]].
 */
const THEMES = [
  {
    name: 'Anti-social behaviour',
    aim: 'Reduce anti-social behaviour and the harm it causes to victims and communities',
    pool: ['TMBC', 'SDC', 'Kent Police', 'KCW', 'ASB TG', 'Housing Associations'],
    objects: [
      [['Develop', 'Roll out', 'Embed'], 'Project Themis to case manage ASB cases'],
      [['Increase'], 'referrals to mediation services for neighbourhood disputes'],
      [['Continue', 'Support'], 'the work of the ASB Task Group on repeat cases'],
      [['Review', 'Refresh'], 'the ASB policy and secure sign-up by key partners'],
      [['Run', 'Deliver', 'Support'], 'diversionary activities for young people during school holidays'],
      [['Carry out', 'Coordinate'], 'joint patrols at ASB hotspots'],
      [['Use', 'Apply'], 'Community Protection Notices and Public Spaces Protection Orders'],
      [['Nominate'], 'at least 20 projects to Community Payback'],
      [['Work with'], 'Registered Social Landlords to prevent nuisance neighbour reports'],
    ],
    measures: [['Number of ASB incidents reported to police', 'lower', 'incidents'], ['Number of referrals to mediation', 'higher', 'referrals'], ['% of ASB Task Group cases with improved behaviour', 'higher', '%'], ['Number of Community Payback projects completed', 'higher', 'projects']],
  },
  {
    name: 'Domestic abuse',
    aim: 'Reduce repeat victims of domestic abuse and improve support for those affected',
    pool: ['DAVSS', 'NKWA', 'Kent Police', 'TMBC', 'KCC', 'DA Forum'],
    objects: [
      [['Identify', 'Agree'], 'actions to reduce repeat victims of domestic abuse'],
      [['Promote', 'Publicise'], 'the Freedom Programme and domestic abuse one-stop shops'],
      [['Ensure'], 'the IDVA service meets the needs of high-risk victims'],
      [['Deliver', 'Run'], 'awareness training for frontline staff on coercive control'],
      [['Hold', 'Run'], 'a White Ribbon Day campaign'],
      [['Review'], 'MARAC referral pathways with health partners'],
      [['Undertake'], 'research on best practice to tackle repeat victimisation'],
      [['Develop', 'Pilot'], 'a voluntary perpetrator programme'],
    ],
    measures: [['Number of repeat MARAC cases', 'lower', 'cases'], ['% of MARAC cases supported by an IDVA', 'higher', '%'], ['Number of staff trained', 'higher', 'staff'], ['Number of referrals to one-stop shops', 'higher', 'referrals']],
  },
  {
    name: 'Substance misuse',
    aim: 'Reduce the harm caused to individuals and communities by drugs and alcohol',
    pool: ['Kent Police', 'KCC TS', 'KCC PH', 'CGL', 'Kenward Trust', 'SMTG', 'Turning Point'],
    objects: [
      [['Run', 'Carry out'], 'test purchasing operations for under-age alcohol sales'],
      [['Run', 'Support'], 'regular operations to address the supply of illegal drugs'],
      [['Address', 'Tackle'], 'proxy sales of alcohol to young people'],
      [['Maintain', 'Extend'], 'Community Alcohol Partnership projects'],
      [['Promote'], 'access to treatment services for substance misusers'],
      [['Deliver', 'Continue'], 'Tier 2 alcohol clinics with the Community Support Worker'],
      [['Distribute'], 'proxy sales posters to licensed premises'],
      [['Deliver'], 'drug and alcohol awareness sessions in secondary schools'],
    ],
    measures: [['Number of test purchase operations', 'higher', 'operations'], ['Number of Class A arrests', 'higher', 'arrests'], ['Number of people in effective treatment', 'higher', 'people'], ['Alcohol-related hospital admissions per 100,000', 'lower', '']],
  },
  {
    name: 'Road safety',
    aim: "Reduce the number of people killed and seriously injured on Kent's roads",
    pool: ['KFRS', 'RCRP', 'KCC Highways', 'Kent Police'],
    objects: [
      [['Hold', 'Organise'], 'a one-day casualty data workshop for partners'],
      [['Deliver'], 'Licence to Kill presentations to Year 12 pupils'],
      [['Review', 'Evaluate'], 'the young driver education programme'],
      [['Carry out'], 'speed enforcement at high-risk sites'],
      [['Support', 'Recruit volunteers for'], 'Community Speedwatch groups'],
      [['Run'], 'a motorcycle safety campaign'],
      [['Promote'], 'the Safe Drive Stay Alive programme to sixth forms'],
    ],
    measures: [['Number of people killed or seriously injured', 'lower', 'casualties'], ['Number of pupils attending', 'higher', 'pupils'], ['Number of Community Speedwatch sessions', 'higher', 'sessions']],
  },
  {
    name: 'Re-offending',
    aim: 'Reduce re-offending by adults and young people',
    pool: ['NPS', 'KSS CRC', 'YOS', 'Kent Police'],
    objects: [
      [['Develop', 'Strengthen'], 'the Integrated Offender Management scheme'],
      [['Increase'], 'the number of offenders in employment, training or education'],
      [['Provide'], 'housing advice to prisoners before release'],
      [['Deliver'], 'restorative justice conferences'],
      [['Review'], 'the cohort of prolific offenders each quarter'],
      [['Nominate'], 'local projects for unpaid work'],
    ],
    measures: [['Proven re-offending rate', 'lower', '%'], ['Number of IOM nominals', 'higher', 'nominals'], ['Number of offenders in education, training or employment', 'higher', 'offenders']],
  },
  {
    name: 'Hate crime',
    aim: 'Increase the reporting of hate crime and improve support to victims',
    pool: ['Kent Police', 'KCC', 'SDC', 'Victim Support'],
    objects: [
      [['Open', 'Support'], 'third-party hate crime reporting centres'],
      [['Deliver', 'Hold'], 'awareness sessions with community and faith groups'],
      [['Promote'], 'Hate Crime Awareness Week'],
      [['Deliver'], 'hate crime training for taxi drivers'],
    ],
    measures: [['Number of hate crimes reported', 'higher', 'reports'], ['Number of third-party reporting centres', 'higher', 'centres']],
  },
  {
    name: 'Serious violence',
    aim: 'Reduce violent crime, including knife crime, in public places',
    pool: ['Kent Police', 'KCC PH', 'KMPT', 'MTW'],
    objects: [
      [['Deliver'], 'knife crime awareness sessions in schools'],
      [['Hold', 'Support'], 'a knife amnesty'],
      [['Carry out'], 'weapon sweeps in parks and open spaces'],
      [['Share'], 'anonymised A&E assault data with the police'],
      [['Deliver'], 'trauma-informed training for youth workers'],
    ],
    measures: [['Number of knife crime offences', 'lower', 'offences'], ['Number of weapons surrendered', 'higher', 'weapons']],
  },
  {
    name: 'Exploitation',
    aim: 'Protect children and vulnerable adults from county lines and sexual exploitation',
    pool: ['Kent Police', 'KCC', 'IYS', 'KCW'],
    objects: [
      [['Deliver', 'Roll out'], 'county lines awareness training for frontline staff'],
      [['Complete'], 'return interviews for children reported missing'],
      [['Identify', 'Visit'], 'addresses at risk of cuckooing'],
      [['Deliver'], 'CSE awareness sessions for hotels and licensed premises'],
    ],
    measures: [['Number of return interviews completed', 'higher', 'interviews'], ['Number of staff trained', 'higher', 'staff']],
  },
  {
    name: 'Acquisitive crime',
    aim: 'Reduce burglary, vehicle crime and theft',
    pool: ['Kent Police', 'KCW', 'SDC', 'TMBC'],
    objects: [
      [['Provide'], 'target hardening for repeat burglary victims'],
      [['Distribute'], 'property marking kits to vulnerable households'],
      [['Run'], 'a vehicle crime prevention campaign'],
      [['Promote'], 'shed and garage security in rural areas'],
    ],
    measures: [['Number of dwelling burglaries', 'lower', 'burglaries'], ['Number of homes target hardened', 'higher', 'homes']],
  },
  {
    name: 'Safeguarding vulnerable people',
    aim: 'Identify and support people at risk of harm',
    pool: ['KCC', 'KMPT', 'KCHFT', 'WK CCG'],
    objects: [
      [['Extend', 'Promote'], 'the Safe Places scheme'],
      [['Deliver'], 'dementia-friendly training to partner staff'],
      [['Review'], 'the multi-agency vulnerable persons panel'],
      [['Develop'], 'a referral pathway for hoarding cases'],
    ],
    measures: [['Number of Safe Places', 'higher', 'places'], ['Number of cases discussed at panel', 'higher', 'cases']],
  },
  {
    name: 'Fraud and scams',
    aim: 'Protect older and vulnerable residents from doorstep crime and scams',
    pool: ['KCC TS', 'Kent Police', 'KCW'],
    objects: [
      [['Set up', 'Review'], 'No Cold Calling Zones'],
      [['Recruit', 'Train'], 'scams champions in community groups'],
      [['Deliver'], 'doorstep crime awareness talks'],
    ],
    measures: [['Number of No Cold Calling Zones', 'higher', 'zones'], ['Number of scams victims supported', 'higher', 'victims']],
  },
  {
    name: 'Preventing extremism',
    aim: 'Stop people being drawn into terrorism',
    pool: ['KCC', 'Kent Police', 'SDC', 'TMBC'],
    objects: [
      [['Deliver'], 'WRAP training to frontline staff'],
      [['Review', 'Update'], 'the local Prevent action plan'],
      [['Raise'], 'awareness of the Channel referral process'],
    ],
    measures: [['Number of staff trained', 'higher', 'staff']],
  },
  {
    name: 'Night-time economy',
    aim: 'Make town centres safe places to visit at night',
    pool: ['NTE TG', 'Pubwatch', 'Kent Police', 'SDC', 'TWBC'],
    objects: [
      [['Run', 'Promote'], 'the Best Bar None accreditation scheme'],
      [['Support'], 'Street Pastors on Friday and Saturday nights'],
      [['Apply'], 'Pubwatch exclusion notices'],
      [['Provide'], 'taxi marshals at the main ranks'],
    ],
    measures: [['Number of violent incidents in the night-time economy', 'lower', 'incidents'], ['Number of Pubwatch exclusions', 'higher', 'exclusions']],
  },
  {
    name: 'Youth crime and early intervention',
    aim: 'Prevent young people from entering the criminal justice system',
    pool: ['IYS', 'YOS', 'KCC', 'TMBC'],
    objects: [
      [['Link in with'], "the 'Family Focus' initiative to intervene early with families"],
      [['Increase'], 'referrals to the Youth Intervention Support Programme'],
      [['Support'], 'the Fighting Chance judo project'],
      [['Deliver'], 'Y-2 Crew sessions in primary schools'],
    ],
    measures: [['Number of YISP referrals', 'higher', 'referrals'], ['Number of families engaged', 'higher', 'families'], ['Number of first-time entrants', 'lower', 'young people']],
  },
  {
    name: 'Environmental crime',
    aim: 'Reduce fly-tipping, graffiti and other environmental crime',
    pool: ['SDC', 'TMBC', 'DBC', 'GBC', 'KCW'],
    objects: [
      [['Take'], 'enforcement action against fly-tipping hotspots'],
      [['Remove'], 'offensive graffiti within 24 hours'],
      [['Run'], 'community clean-up days'],
    ],
    measures: [['Number of fly-tipping incidents', 'lower', 'incidents'], ['Number of fixed penalty notices issued', 'higher', 'notices']],
  },
  {
    name: 'Modern slavery',
    aim: 'Identify and support victims of modern slavery and human trafficking',
    pool: ['Kent Police', 'KCC', 'DBC', 'GBC'],
    objects: [
      [['Carry out'], 'joint visits to hand car washes and nail bars'],
      [['Deliver'], 'modern slavery awareness training to council staff'],
      [['Publish'], 'the annual modern slavery statement'],
    ],
    measures: [['Number of National Referral Mechanism referrals', 'higher', 'referrals']],
  },
];
const THEME_SUFFIXES = ['North Kent', 'West Kent', 'East Kent', 'rural areas', 'town centres', 'young people'];

const MILESTONES = [
  'Terms of reference agreed', 'Data shared with partners', 'Project plan signed off by the CSP Strategy Group',
  'Frontline staff trained', 'Launch event held', 'Evaluation report to the Strategy Group', 'Funding bid submitted to the PCC',
  'Venues booked and publicity printed', 'Quarterly review of cases', 'Final report to the Joint Committee',
  'Lead officer appointed', 'Partners signed up to the protocol', 'Consultation with residents completed', 'Pilot completed and reviewed',
];

const NOTES = [
  'Funded from the PCC crime reduction grant.', 'Subject to funding being confirmed for next year.',
  'Links to the Kent Drug and Alcohol Strategy action plan.', 'Delivered within existing resources.',
];

const OBJECTIVE_STEMS = ['Understanding the problem', 'Raising awareness', 'Early intervention', 'Enforcement', 'Supporting victims'];

const LINK_STRATEGIES = ['National Drug Strategy 2017', 'Kent Domestic Abuse Strategy', 'Kent Road Casualty Reduction Strategy', 'Police and Crime Plan', 'Modern Crime Prevention Strategy'];

// ---------------------------------------------------------------------------------------------
// Plan context (set in main)

let A; // as-of day number
let FY; // start year of the plan's financial year
let FYS; // first day of the financial year
let FYE; // last day of the financial year
let QUARTER_ENDS; // day numbers of quarter ends up to asOf, newest first

function quarterEnd(fyStart, q) {
  return q === 4 ? dn(fyStart + 1, 3, 31) : eom(fyStart, 3 + q * 3);
}

// ---------------------------------------------------------------------------------------------
// 'By when' text, made to fall in a window of latest dates

/** Month ends (as [y, m, dayNumber]) between lo and hi inclusive. */
function monthEndsIn(lo, hi) {
  const out = [];
  let [y, m] = ymd(lo);
  for (;;) {
    const e = eom(y, m);
    if (e > hi) break;
    if (e >= lo) out.push([y, m, e]);
    m++;
    if (m === 13) { m = 1; y++; }
  }
  return out;
}
/** Prefer the end of the financial year, as real plans do. */
function pickMonthEnd(ends) {
  if (!ends.length) return null;
  const fyEnd = ends.find((e) => e[2] === FYE);
  if (fyEnd && chance(0.4)) return fyEnd;
  return pick(ends);
}
const monthText = (e) => `${MONTHS[e[1] - 1]} ${e[0]}`;

const DUE_KINDS = [
  ['iso', 22], ['month', 20], ['byEnd', 9], ['dmy', 10], ['fy', 8], ['qBare', 6], ['qFy', 6],
  ['ongoingUntil', 5], ['quarterlyUntil', 5], ['yearlyUntil', 1], ['alternatives', 5],
];

/** Due text whose deadline (latest date) is in [lo, hi]; returns { text, latest }. */
function datedDue(lo, hi) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const kind = weighted(DUE_KINDS);
    switch (kind) {
      case 'iso': { const d = int(lo, hi); return { text: iso(d), latest: d }; }
      case 'dmy': { const d = int(lo, hi); return { text: dmySlash(d), latest: d }; }
      case 'month': case 'byEnd': case 'ongoingUntil': case 'quarterlyUntil': case 'yearlyUntil': {
        const e = pickMonthEnd(monthEndsIn(lo, hi));
        if (!e) continue;
        const prefix = { month: '', byEnd: 'By end of ', ongoingUntil: 'Ongoing until ', quarterlyUntil: 'Quarterly until ', yearlyUntil: 'Yearly plans until ' }[kind];
        return { text: prefix + monthText(e), latest: e[2] };
      }
      case 'fy': {
        for (const y of [FY, FY + 1, FY - 1]) {
          const end = dn(y + 1, 3, 31);
          if (end >= lo && end <= hi) return { text: fyLabel(y), latest: end };
        }
        continue;
      }
      case 'qBare': case 'qFy': {
        const options = [];
        for (const y of kind === 'qBare' ? [FY] : [FY, FY + 1]) {
          for (let q = 1; q <= 4; q++) {
            const end = quarterEnd(y, q);
            if (end >= lo && end <= hi) options.push(kind === 'qBare' ? { text: `Q${q}`, latest: end } : { text: `Q${q} ${fyLabel(y)}`, latest: end });
          }
        }
        if (!options.length) continue;
        return pick(options);
      }
      case 'alternatives': {
        const ends = monthEndsIn(lo, hi);
        if (ends.length < 2) continue;
        const [a, b] = sample(ends, 2).sort((x, y) => x[2] - y[2]);
        return { text: `${monthText(a)} / ${monthText(b)}`, latest: b[2] };
      }
    }
  }
  const d = int(lo, hi);
  return { text: iso(d), latest: d };
}

const RELATIVE = ['Within four weeks of launch', 'Within six weeks of the campaign launch', 'Within two weeks of each MARAC'];

/**
 * A 'by when' for an action or milestone: { text, latest, cls }. latest is the deadline as a day
 * number (null when the text has none) and cls says how it relates to asOf: 'past' (overdue unless
 * the item is complete), 'soon' (within 14 days), 'future', or 'open' (no date: Ongoing, TBC, ...).
 * Complete items are mostly due in the past; others are overdue about 4.5 % of the time.
 */
function makeDue(complete) {
  const r = rand();
  if (r < 0.015) return { text: chance(0.85) ? 'TBC' : 'TBA', latest: null, cls: 'open' };
  if (r < 0.085) return { text: 'Ongoing', latest: null, cls: 'open' };
  if (r < 0.093) return { text: pick(RELATIVE), latest: null, cls: 'open' };
  const pastLo = Math.min(FYS, A - 90);
  const futureHi = Math.max(FYE, A + 75);
  let cls;
  if (complete) cls = chance(0.85) ? 'past' : 'future';
  else cls = weighted([['past', 0.045], ['soon', 0.05], ['future', 0.905]]);
  const [lo, hi] = cls === 'past' ? [pastLo, A - 1] : cls === 'soon' ? [A, A + 14] : [A + 15, futureHi];
  return { ...datedDue(lo, hi), cls };
}

// ---------------------------------------------------------------------------------------------
// Progress text

function fill(template, ctx) {
  return template.replace(/{(\w+)}/g, (_, name) => {
    switch (name) {
      case 'n': return String(int(3, 95));
      case 'm': return String(int(1, 12));
      case 'month': return ctx.month;
      case 'next': return ctx.next;
      case 'q': return String(ctx.q);
      case 'place': return pick(TOWNS);
      case 'who': return ctx.who;
      default: return name;
    }
  });
}

const PROGRESS = [
  '{n} referrals received to the end of quarter {q}.',
  '{n} people attended sessions this quarter, with positive feedback from most.',
  '{m} operations carried out in {place}, resulting in {m} arrests.',
  'The task group met in {month} and agreed the terms of reference.',
  'Partners have shared data and a draft problem profile is with the working group.',
  '{who} has contacted all licensed premises in {place}.',
  '{n} cases discussed at the panel; {m} closed as resolved.',
  'Sessions delivered to {n} pupils in {m} schools.',
  'Publicity went out in {month} through partner newsletters and social media.',
];
const NEXT = {
  green: ['On track to meet the target by the end of the year.', 'Next review at the {next} meeting.', 'Work continues as planned.'],
  amber: ['Some slippage because of staff vacancies; a recovery plan has been agreed.', 'Fewer referrals than expected, so the service will be promoted again in {next}.', 'It is unlikely the full target will be met, but most of the work will be delivered.'],
  red: ['Funding has not been confirmed and the action will not be delivered without a decision from the Board.', 'The lead post has been vacant since {month}; this has been escalated to the CSP Strategy Group.', 'No progress this quarter: partners are asked to nominate a lead.'],
  blue: ['Completed in {month}. A final report has been circulated to partners.', 'This action is complete and will be mainstreamed into business as usual.'],
  'not-started': ['Not yet started: work is planned to begin in {next}.', 'Awaiting the outcome of the commissioning review before starting.'],
};

function updateText(status, dayNumber, who) {
  const [, mo] = ymd(dayNumber);
  const q = Math.floor(((mo + 8) % 12) / 3) + 1;
  const ctx = { month: MONTHS[(mo + 10) % 12], next: MONTHS[mo % 12], q, who };
  if (status === 'not-started' || (status === 'blue' && chance(0.5))) return fill(pick(NEXT[status]), ctx);
  const parts = [fill(pick(PROGRESS), ctx)];
  if (status === 'blue' || chance(0.25)) parts.push(fill(pick(NEXT[status]), ctx));
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// The model

const folded = new Set(); // objects whose long 'text' is written as a >- block scalar

const STATUS_WEIGHTS = [['green', 44], ['amber', 18], ['red', 5], ['blue', 19], ['not-started', 14]];
const MILESTONE_STATUS_WEIGHTS = [['blue', 32], ['green', 36], ['amber', 12], ['red', 5], ['not-started', 15]];

function agencyRef(theme) {
  const r = rand();
  if (r < 0.012) return pick(MISSPELT);
  const id = chance(0.75) ? pick(theme.pool) : pick(AGENCY_IDS);
  if (r < 0.15) return pick(ALIASES[id]);
  return id;
}

function makeLead(theme) {
  const r = rand();
  if (r < 0.1) {
    const id = pick(theme.pool);
    return { agency: id, officer: pick(OFFICERS[id] ?? ['Community Safety Manager', 'Team Leader', 'Head of Service']) };
  }
  if (r < 0.22) {
    const two = sample(theme.pool, 2);
    return two.length === 2 ? two : two[0];
  }
  return agencyRef(theme);
}

function makePartners(theme, lead) {
  const k = weighted([[0, 28], [1, 37], [2, 23], [3, 12]]);
  if (!k) return undefined;
  const used = new Set([].concat(lead).map(canonical));
  const out = [];
  for (let tries = 0; out.length < k && tries < 10; tries++) {
    const p = agencyRef(theme);
    if (!used.has(canonical(p))) {
      used.add(canonical(p));
      out.push(p);
    }
  }
  if (!out.length) return undefined;
  return out.length === 1 && chance(0.3) ? out[0] : out;
}

function statusForOverdue(status) {
  return status !== 'blue' && chance(0.5) ? pick(['red', 'amber']) : status;
}

function makeMilestone(theme, actionBlue, id) {
  const status = actionBlue ? 'blue' : weighted(MILESTONE_STATUS_WEIGHTS);
  const m = {};
  if (id) m.id = id;
  m.title = pick(MILESTONES);
  let due;
  if (chance(0.92)) {
    due = makeDue(status === 'blue');
    m.due = due.text;
  }
  m.status = due && due.cls === 'past' ? statusForOverdue(status) : status;
  if (chance(0.2)) m.lead = agencyRef(theme);
  if (m.status === 'blue' && chance(0.6)) m.completed = iso(completedDay(due));
  return m;
}

function completedDay(due) {
  const hi = due && due.latest !== null && due.latest < A ? due.latest : A;
  return Math.max(hi - int(0, 25), FYS - 60);
}

function makeMetric(theme) {
  const [text, polarity, unit] = pick(theme.measures);
  if (unit === '%') {
    const base = int(35, 85);
    const target = polarity === 'higher' ? Math.min(100, base + int(2, 10)) : Math.max(0, base - int(2, 10));
    return { text, polarity, baseline: `${base}%`, target: `${target}%`, value: () => `${Math.max(0, Math.min(100, base + int(-8, 10)))}%` };
  }
  const base = int(8, 400);
  const target = polarity === 'higher' ? Math.round(base * (1.05 + rand() * 0.3)) : Math.round(base * (0.7 + rand() * 0.25));
  const asText = unit && chance(0.5);
  return {
    text, polarity,
    baseline: asText ? `${base} ${unit}` : base,
    target: asText ? `${target} ${unit}` : target,
    value: () => Math.round(base + (target - base) * rand() * 1.2),
  };
}

/** The theme's action fragments in a shuffled order, reshuffled when used up, so titles rarely repeat. */
function nextObject(theme) {
  if (!theme.queue || theme.queue.length === 0) theme.queue = sample(theme.objects, theme.objects.length);
  return theme.queue.pop();
}

function makeAction(theme, themeNo, actionNo, footnoteMarks) {
  let status = weighted(STATUS_WEIGHTS);
  const a = {};
  let id = `${themeNo}.${actionNo}`;
  const fr = rand();
  if (fr < 0.03) { id += '*'; footnoteMarks.add('*'); }
  else if (fr < 0.04) { id += '†'; footnoteMarks.add('†'); }
  a.id = id;
  const [verbs, object] = nextObject(theme);
  a.title = `${pick(verbs)} ${object}${chance(0.3) ? ' ' + pick(PLACES) : ''}`;
  if (chance(0.03)) a.objective = `${pick(OBJECTIVE_STEMS)}: ${theme.aim.charAt(0).toLowerCase()}${theme.aim.slice(1)}`;
  a.lead = makeLead(theme);
  const partners = makePartners(theme, a.lead);
  if (partners) a.partners = partners;
  const due = makeDue(status === 'blue');
  a.due = due.text;
  if (due.cls === 'past') status = statusForOverdue(status);
  a.status = status;
  if (status === 'blue' && chance(0.5)) a.completed = iso(completedDay(due));

  let metric = null;
  const mr = rand();
  if (mr < 0.5) {
    metric = makeMetric(theme);
    a.measures = chance(0.85) ? metric.text : [metric.text, pick(theme.measures)[0]].filter((v, i, arr) => arr.indexOf(v) === i);
    if (chance(0.4)) {
      a.baseline = metric.baseline;
      a.target = metric.target;
      if (chance(0.5)) a.polarity = metric.polarity;
    } else metric = null;
  } else if (mr < 0.58) {
    a.baseline = pick(['N/A', 'New project', 'New service']);
    a.target = pick(['N/A', '1 campaign', '74 families Year 1, 72 families Year 2', '50% of cases']);
  }
  if (chance(0.05)) a.links = [chance(0.5) ? `(${int(1, 6)}.${int(1, 5)})` : { strategy: pick(LINK_STRATEGIES) }];
  if (chance(0.04)) a.notes = pick(NOTES);

  // Updates: the last k quarter ends up to asOf, oldest first; the newest carries the current status.
  const k = Math.min(QUARTER_ENDS.length, weighted([[1, 87], [2, 10], [3, 3]]));
  if (k > 0) {
    const who = typeof a.lead === 'string' ? a.lead : Array.isArray(a.lead) ? a.lead.map((l) => (typeof l === 'string' ? l : l.agency)).join(' and ') : a.lead.agency;
    const updates = [];
    for (let i = k - 1; i >= 0; i--) {
      const day = QUARTER_ENDS[i];
      const st = i === 0 ? status : status === 'blue' || status === 'not-started' ? (status === 'blue' ? 'green' : 'not-started') : weighted([['green', 5], ['amber', 3], ['red', 1]]);
      const u = { asOf: iso(day), status: st, text: updateText(st, day, who) };
      if (metric && metric.polarity && chance(0.5)) u.value = metric.value();
      if (u.text.length > 70 && chance(0.4)) folded.add(u);
      updates.push(u);
    }
    a.updates = updates;
  }

  const nm = weighted([[0, 64], [1, 21], [2, 9], [3, 4], [4, 2]]);
  if (nm) {
    const numbered = chance(0.3);
    const ms = [];
    for (let i = 1; i <= nm; i++) ms.push(makeMilestone(theme, status === 'blue', numbered ? `${themeNo}.${actionNo}.${i}` : null));
    a.milestones = ms;
  }
  return a;
}

function themeCounts(n, t) {
  const w = [];
  let total = 0;
  for (let i = 0; i < t; i++) { w.push(0.6 + rand() * 0.8); total += w[i]; }
  const counts = w.map((x) => Math.floor((n * x) / total));
  let left = n - counts.reduce((s, c) => s + c, 0);
  while (left-- > 0) counts[int(0, t - 1)]++;
  if (n >= t) {
    for (let i = 0; i < t; i++) {
      while (counts[i] === 0) {
        const j = counts.indexOf(Math.max(...counts));
        counts[j]--;
        counts[i]++;
      }
    }
  }
  return counts;
}

const PARTNERSHIPS = [
  ['Kent Community Safety Partnership', 'Kent Community Safety Agreement Action Plan'],
  ['West Kent Community Safety Partnership', 'West Kent CSP Action Plan'],
  ['Sevenoaks District Community Safety Partnership', 'Community Safety Action Plan'],
  ['Tonbridge and Malling Community Safety Partnership', 'Community Safety Partnership Action Plan'],
];

function makePlan(nActions, format) {
  const [partnership, titleStem] = PARTNERSHIPS[Math.floor(rand() * PARTNERSHIPS.length)];
  const period = fyLabel(FY);
  const plan = {};
  if (format === 'json') plan.$schema = '../schemas/plan.schema.json';
  plan.title = `${titleStem} ${period}`;
  plan.partnership = partnership;
  plan.summary = `This action plan sets out how partners will deliver the priorities agreed from the ${FY - 1} strategic assessment. ` +
    `Each action has a lead agency and a date, and progress is reviewed every quarter by the CSP Strategy Group and reported to the Joint Committee.`;
  folded.add(plan);
  plan.period = period;
  plan.asOf = iso(A);

  const nThemes = Math.max(1, Math.round(nActions / 12));
  const counts = themeCounts(nActions, nThemes);
  const footnoteMarks = new Set();
  const themes = [];
  for (let t = 0; t < nThemes; t++) {
    const base = { ...THEMES[t % THEMES.length], queue: null };
    const round = Math.floor(t / THEMES.length);
    const suffix = round === 0 ? '' : round <= THEME_SUFFIXES.length ? ` - ${THEME_SUFFIXES[round - 1]}` : ` (${round + 1})`;
    const theme = { id: String(t + 1), title: base.name + suffix };
    if (chance(0.25)) {
      const id = pick(base.pool);
      theme.lead = { agency: id, officer: pick(OFFICERS[id] ?? ['Head of Service', 'Director of Operations']) };
    } else theme.lead = pick(base.pool);
    theme.aim = base.aim;
    const actions = [];
    for (let i = 1; i <= counts[t]; i++) actions.push(makeAction(base, t + 1, i, footnoteMarks));
    theme.actions = actions;
    themes.push(theme);
  }

  plan.agencies = AGENCIES.map(([id, name, aliases, kind, parent, url]) => {
    const a = { id, name };
    if (aliases.length) a.aliases = aliases;
    a.kind = kind;
    if (parent) a.parent = parent;
    if (url) a.url = url;
    return a;
  });
  const footnotes = [];
  if (footnoteMarks.has('*')) footnotes.push({ mark: '*', text: 'Funded by the Police and Crime Commissioner (PCC)' });
  if (footnoteMarks.has('†')) footnotes.push({ mark: '†', text: 'Also an action in the Kent Drug and Alcohol Strategy action plan' });
  if (footnotes.length) plan.footnotes = footnotes;
  plan.themes = themes;
  return plan;
}

// ---------------------------------------------------------------------------------------------
// YAML writer (just enough YAML for this model; strings are plain when that is safe)

const SPECIAL_PLAIN = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|<<)$/;
const NUMBERISH = [
  /^[-+]?(?:\.[0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?0x[0-9a-fA-F_]+$/, /^[-+]?0o[0-7_]+$/, /^[-+]?0b[01_]+$/,
  /^[-+]?\.(?:inf|Inf|INF)$/, /^\.(?:nan|NaN|NAN)$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/, // YAML 1.1 sexagesimal
];
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

function plainOk(s, flow) {
  if (s === '' || INDICATOR_START.test(s) || /\s$/.test(s)) return false;
  if (/: | #|[\x00-\x1f\x7f]|:$/.test(s)) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  const c = s.charCodeAt(0);
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter) return !(s.length <= 5 && SPECIAL_PLAIN.test(s));
  if (s.startsWith('...') || s.startsWith('---') || SPECIAL_PLAIN.test(s)) return false;
  for (const re of NUMBERISH) if (re.test(s)) return false;
  return true;
}

const scalarCache = [new Map(), new Map()]; // block, flow

function scalar(v, flow = false) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  const cache = scalarCache[flow ? 1 : 0];
  let out = cache.get(v);
  if (out === undefined) {
    if (/[\x00-\x1f\x7f]/.test(v)) out = JSON.stringify(v);
    else if (plainOk(v, flow)) out = v;
    else out = `'${v.replace(/'/g, "''")}'`;
    if (v.length < 200) cache.set(v, out);
  }
  return out;
}

/** Ids that start with a digit are always quoted ('1.1', '2.2*') so they stay text. */
function idScalar(v) {
  return typeof v === 'string' && /^[0-9]/.test(v) ? `'${v.replace(/'/g, "''")}'` : scalar(v);
}

function foldLines(text, indent, width = 88) {
  const words = text.split(' ');
  const lines = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines;
}

function isScalar(v) {
  return v === null || typeof v !== 'object';
}

function writeMapping(obj, indent, out, firstPrefix, skipKey) {
  let first = true;
  const pad = ' '.repeat(indent);
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined || key === skipKey) continue;
    const pre = first && firstPrefix !== undefined ? firstPrefix : pad;
    first = false;
    if (isScalar(v)) {
      if ((key === 'text' || key === 'summary') && typeof v === 'string' && folded.has(obj) && !/\s\s|^\s|\s$/.test(v)) {
        const lines = foldLines(v, pad + '  ');
        if (lines.length > 1) {
          out.push(`${pre}${key}: >-`);
          for (const l of lines) out.push(l);
        } else out.push(`${pre}${key}: ${scalar(v)}`);
      } else out.push(`${pre}${key}: ${key === 'id' || key === 'parent' ? idScalar(v) : scalar(v)}`);
    } else if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pre}${key}: []`);
      else if (v.every(isScalar) && key !== 'updates') {
        const flow = v.map((x) => scalar(x, true)).join(', ');
        if (flow.length + indent + key.length < 80) out.push(`${pre}${key}: [${flow}]`);
        else {
          out.push(`${pre}${key}:`);
          for (const x of v) out.push(`${pad}  - ${scalar(x)}`);
        }
      } else {
        out.push(`${pre}${key}:`);
        for (const item of v) {
          if (isScalar(item)) out.push(`${pad}  - ${scalar(item)}`);
          else writeMapping(item, indent + 4, out, `${pad}  - `);
        }
      }
    } else {
      out.push(`${pre}${key}:`);
      writeMapping(v, indent + 2, out);
    }
  }
}

function toYaml(plan) {
  const out = ['# yaml-language-server: $schema=../schemas/plan.schema.json'];
  writeMapping(plan, 0, out, undefined, 'themes');
  out.push('');
  out.push('themes:');
  for (const theme of plan.themes) {
    out.push(`  # ${theme.id}. ${theme.title}`);
    writeMapping(theme, 4, out, '  - ');
  }
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  rand = mulberry32(opts.seed);
  const [y, m, d] = opts.asOf.split('-').map(Number);
  A = dn(y, m, d);
  FY = m >= 4 ? y : y - 1;
  FYS = dn(FY, 4, 1);
  FYE = dn(FY + 1, 3, 31);
  QUARTER_ENDS = [];
  for (let fy = FY; QUARTER_ENDS.length < 3; fy--) {
    for (let q = 4; q >= 1 && QUARTER_ENDS.length < 3; q--) {
      const e = quarterEnd(fy, q);
      if (e <= A) QUARTER_ENDS.push(e);
    }
  }
  const plan = makePlan(opts.actions, opts.format);
  const text = opts.format === 'json' ? JSON.stringify(plan, null, 2) + '\n' : toYaml(plan);
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0); // e.g. piped into head
    throw err;
  });
  process.stdout.write(text);
}

main();
