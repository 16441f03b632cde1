/**
 * Realistic catalog data for the demo seed and the scale seed (scripts/seed.ts): word lists,
 * names, descriptions, prices in pence and stock levels. Deterministic for a given seed so that
 * runs are comparable; varied enough that full-text and trigram search have real work to do.
 */

export interface CategoryDef {
  slug: string;
  name: string;
  /** How a description says what the items are for ("washing machines", "for everyday use at home"). */
  fits: string;
  /** Sentences that only make sense for this category. */
  features: readonly string[];
  brands: readonly string[];
  items: readonly ItemDef[];
}

interface ItemDef {
  /** Noun phrase as it appears in the name ("drain pump"). */
  noun: string;
  /** Typical price range in pence. */
  min: number;
  max: number;
  /** Accessories and tools are sold as themselves; parts say what they fit. */
  standalone?: boolean;
}

const item = (noun: string, min: number, max: number, standalone = false): ItemDef => ({ noun, min, max, standalone });

const WHITE_GOODS = ['Bosch', 'Siemens', 'Neff', 'Samsung', 'LG', 'Whirlpool', 'Hotpoint', 'Indesit', 'Beko', 'Zanussi', 'AEG', 'Electrolux', 'Miele', 'Candy', 'Hoover', 'Haier', 'Smeg', 'Grundig'];

export const CATEGORIES: readonly CategoryDef[] = [
  {
    slug: 'washer-parts',
    name: 'Washing machine parts',
    fits: 'washing machines',
    features: ['Reduces noise and vibration during the spin cycle.', 'Stops leaks and error codes at the start of the wash.'],
    brands: WHITE_GOODS,
    items: [
      item('drain pump', 1899, 4999), item('door seal', 2499, 6999), item('door gasket', 2299, 5999), item('heating element', 1999, 4599),
      item('drive belt', 799, 1999), item('carbon brushes', 899, 2499), item('shock absorber', 1099, 2999), item('door lock interlock', 1299, 3499),
      item('inlet valve', 1199, 2999), item('drum bearing kit', 2999, 7999), item('pressure switch', 1399, 3299), item('detergent drawer', 1499, 3999),
      item('door hinge', 899, 2199), item('filter housing', 1299, 2899), item('motor', 7999, 18999), item('control board', 8999, 22999),
    ],
  },
  {
    slug: 'dryer-parts',
    name: 'Tumble dryer parts',
    fits: 'tumble dryers',
    features: ['Restores full heat and shorter drying times.', 'Fixes a drum that squeaks or will not turn.'],
    brands: WHITE_GOODS,
    items: [
      item('drum belt', 999, 2499), item('heating element', 2499, 5999), item('thermal fuse', 599, 1499), item('thermostat', 899, 2499),
      item('lint filter', 699, 1999), item('drum roller', 799, 1999), item('idler pulley', 999, 2699), item('door switch', 799, 1999),
      item('condenser unit', 3999, 8999), item('water container', 1999, 3999), item('humidity sensor', 1499, 3499), item('fan motor', 4999, 11999),
    ],
  },
  {
    slug: 'fridge-parts',
    name: 'Fridge and freezer parts',
    fits: 'fridge freezers',
    features: ['Keeps food colder for longer and stops frost build-up.', 'Removes chlorine taste and odour from drinking water.'],
    brands: WHITE_GOODS,
    items: [
      item('water filter', 1499, 4999), item('door seal', 2999, 7999), item('thermostat', 1499, 3999), item('defrost heater', 1799, 3999),
      item('evaporator fan motor', 2499, 5999), item('crisper drawer', 1999, 4499), item('door shelf', 1299, 3499), item('ice maker', 5999, 12999),
      item('door hinge', 999, 2499), item('LED light', 899, 2299), item('start relay', 1299, 2999), item('temperature sensor', 999, 2499),
    ],
  },
  {
    slug: 'oven-parts',
    name: 'Oven and cooker parts',
    fits: 'ovens and cookers',
    features: ['Restores even heating for baking and roasting.', 'Rated for continuous use up to 300 degrees.'],
    brands: WHITE_GOODS,
    items: [
      item('fan oven element', 1999, 4999), item('grill element', 1999, 4599), item('oven door seal', 1299, 2999), item('thermostat', 1499, 3999),
      item('fan motor', 2999, 6999), item('oven lamp', 499, 1499), item('door hinge', 1299, 2999), item('control knob', 599, 1499),
      item('igniter', 1499, 3499), item('inner door glass', 2999, 6999), item('timer', 2999, 7999), item('oven shelf', 1299, 2999),
    ],
  },
  {
    slug: 'dishwasher-parts',
    name: 'Dishwasher parts',
    fits: 'dishwashers',
    features: ['Restores drainage and a spotless wash.', 'Stops standing water and error codes.'],
    brands: WHITE_GOODS,
    items: [
      item('drain pump', 1999, 4999), item('spray arm', 999, 2499), item('door seal', 1499, 3499), item('filter', 999, 2499),
      item('heating element', 2999, 6999), item('inlet hose', 1299, 2499), item('basket wheel set', 699, 1699), item('cutlery basket', 1499, 2999),
      item('salt reservoir cap', 499, 1199), item('door spring', 799, 1799), item('circulation pump', 4999, 11999), item('aquastop valve', 2499, 5499),
    ],
  },
  {
    slug: 'small-appliances',
    name: 'Small appliances',
    fits: 'for everyday use at home',
    features: ['Rechargeable battery with up to thirty hours of playback.', 'Compact, lightweight and easy to clean.', 'Stylish design with a brushed steel finish.'],
    brands: ['Russell Hobbs', 'Breville', 'Kenwood', 'Philips', 'Morphy Richards', 'Tefal', 'Ninja', "De'Longhi", 'Sony', 'Panasonic', 'Sharp', 'Dyson'],
    items: [
      item('kettle', 2499, 8999, true), item('toaster', 2499, 7999, true), item('microwave', 7999, 24999, true), item('blender', 3999, 14999, true),
      item('hand mixer', 1999, 5999, true), item('steam iron', 2499, 8999, true), item('air fryer', 5999, 19999, true), item('coffee machine', 8999, 49999, true),
      item('wireless headphones', 3999, 29999, true), item('noise cancelling headphones', 9999, 34999, true), item('cordless vacuum cleaner', 12999, 49999, true),
      item('bluetooth speaker', 2999, 14999, true),
    ],
  },
  {
    slug: 'tools',
    name: 'Tools',
    fits: 'for appliance repair and servicing',
    features: ['Rubber grip handles and hardened chrome vanadium steel.', 'Comes in a sturdy storage case.'],
    brands: ['Stanley', 'Wera', 'Wiha', 'Bahco', 'Draper', 'Fluke', 'Knipex', 'iFixit'],
    items: [
      item('digital multimeter', 1999, 14999, true), item('screwdriver set', 1499, 4999, true), item('torx bit set', 999, 2999, true),
      item('bearing puller', 2499, 6999, true), item('crimping tool', 1499, 3999, true), item('nut driver set', 1299, 3499, true),
      item('hose clamp pliers', 1299, 2999, true), item('inspection torch', 999, 2999, true), item('spudger kit', 599, 1499, true),
      item('socket set', 2999, 8999, true),
    ],
  },
  {
    slug: 'accessories',
    name: 'Accessories',
    fits: 'for washing machines, dryers and fridges',
    features: ['Protects floors and appliances from damage.', 'Keeps appliances fresh and free of limescale.'],
    brands: ['Hotpoint', 'Bosch', 'Samsung', 'Electrolux', 'Universal', 'Dr. Beckmann', 'Affresh', 'Kilrock'],
    items: [
      item('anti-vibration pads', 899, 1999, true), item('stacking kit', 1999, 3999, true), item('fill hose extension', 799, 1899, true),
      item('descaler', 499, 1299, true), item('washing machine cleaner', 499, 1299, true), item('fridge thermometer', 499, 1299, true),
      item('extension lead', 1299, 2999, true), item('surge protector', 1499, 3999, true), item('appliance trolley', 2999, 7999, true),
      item('headphones stand', 1499, 4999, true),
    ],
  },
];

const SERIES = ['Serie 2', 'Serie 4', 'Serie 6', 'Serie 8', 'Pro', 'Classic', 'Pure', 'Ultima', 'Smart', 'Aquarius', 'Style', 'Premium', 'Eco', 'Futura', 'Prestige', 'Optima'];
const SUFFIXES = ['(compatible)', '(genuine)', '(OEM)', '(universal fit)', 'replacement', 'kit', '- fast dispatch', ''];
const FEATURES = [
  'Made from heat resistant materials for a long service life.',
  'Quiet in operation and energy efficient.',
  'Easy to fit with basic hand tools in under thirty minutes.',
  'Tested to the original manufacturer specification.',
  'Supplied with fitting instructions and screws where needed.',
  'Corrosion resistant stainless steel construction.',
  'Ideal for landlords, engineers and DIY repairs.',
  'Trusted by professional repair engineers across the UK.',
];
const WARRANTIES = ['12 month warranty.', '2 year warranty.', '90 day no-quibble returns.', 'Next day delivery available.', 'Free UK delivery over £30.'];

export interface GeneratedProduct {
  name: string;
  description: string;
  price: number;
  categorySlug: string;
  imageUrl: string | null;
  onHand: number;
  createdAt: Date;
}

export type Random = () => number;

/** mulberry32: small, fast, seedable; good enough for test data (not for anything secret). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(rand: Random, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
export const intBetween = (rand: Random, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));

/** A price inside the item's range ending in 99p, the way shops price things. */
export function priceFor(rand: Random, min: number, max: number, genuine: boolean): number {
  const raw = intBetween(rand, min, max) * (genuine ? 1.25 : 1);
  return Math.max(99, Math.round(raw / 100) * 100 - 1);
}

/** Units on hand: mostly a few dozen, some bulk lines, about one in twelve sold out. */
export function stockLevel(rand: Random): number {
  const r = rand();
  if (r < 0.08) return 0;
  if (r < 0.85) return intBetween(rand, 1, 60);
  return intBetween(rand, 61, 500);
}

function modelNumber(rand: Random): string {
  const letters = 'ABCDEFGHJKLMNPRSTVWXZ';
  const prefix = letters[Math.floor(rand() * letters.length)] + letters[Math.floor(rand() * letters.length)];
  return `${prefix}${intBetween(rand, 100, 9999)}`;
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** One product of the given category and item; `now` anchors created_at (spread over two years). */
export function generateProduct(rand: Random, category: CategoryDef, def: ItemDef, now: number, serial: number): GeneratedProduct {
  const brand = pick(rand, category.brands);
  const suffix = def.standalone ? '' : pick(rand, SUFFIXES);
  const genuine = suffix === '(genuine)' || suffix === '(OEM)';
  const series = def.standalone ? modelNumber(rand) : pick(rand, SERIES);
  const name = `${brand} ${series} ${def.noun}${suffix ? ` ${suffix}` : ''}`;
  const models = [modelNumber(rand), modelNumber(rand), modelNumber(rand)].join(', ');
  const feature = rand() < 0.5 ? pick(rand, category.features) : pick(rand, FEATURES);
  const description = def.standalone
    ? `${brand} ${def.noun} ${category.fits}. ${feature} ${pick(rand, WARRANTIES)}`
    : `Replacement ${def.noun} for ${brand} ${category.fits}. Fits models ${models} and many more. ${feature} ${pick(rand, WARRANTIES)}`;
  const twoYears = 2 * 365 * 24 * 3600 * 1000;
  return {
    name,
    description,
    price: priceFor(rand, def.min, def.max, genuine),
    categorySlug: category.slug,
    imageUrl: rand() < 0.7 ? `https://images.example.com/products/${slugify(`${brand} ${def.noun}`)}-${serial}.jpg` : null,
    onHand: stockLevel(rand),
    createdAt: new Date(now - Math.floor(rand() * twoYears)),
  };
}

/** `count` products spread over all categories and item kinds. */
export function* generateProducts(count: number, seed: number, now = Date.now()): Generator<GeneratedProduct> {
  const rand = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const category = pick(rand, CATEGORIES);
    yield generateProduct(rand, category, pick(rand, category.items), now, i + 1);
  }
}

/** Search words that match products of a category, for benchmarks and demos. */
export function searchWordsFor(category: CategoryDef): string[] {
  const words = new Set<string>();
  for (const def of category.items) for (const word of def.noun.split(' ')) if (word.length >= 4) words.add(word.toLowerCase());
  return [...words];
}

export interface RepairServiceSeed {
  serviceType: string;
  name: string;
  description: string;
  basePrice: number;
  durationMinutes: number;
}

/** One repair visit per service type of the Catalog migration. */
export const REPAIR_SERVICES: readonly RepairServiceSeed[] = [
  { serviceType: 'washer', name: 'Washing machine repair visit', description: 'A technician diagnoses and repairs your washing machine at home: leaks, drainage, drum and spin faults. Common parts carried on the van.', basePrice: 8900, durationMinutes: 90 },
  { serviceType: 'dryer', name: 'Tumble dryer repair visit', description: 'Diagnosis and repair of tumble dryers that do not heat, turn or stop: belts, elements, thermostats and sensors.', basePrice: 8500, durationMinutes: 75 },
  { serviceType: 'fridge', name: 'Fridge freezer repair visit', description: 'Cooling faults, icing up, noisy fans and leaking water: diagnosed and fixed on the spot where possible. Sealed-system work quoted separately.', basePrice: 9900, durationMinutes: 120 },
  { serviceType: 'oven', name: 'Oven and cooker repair visit', description: 'Electric and gas ovens, hobs and cookers: elements, fans, thermostats, ignition. Gas work by Gas Safe registered engineers.', basePrice: 9500, durationMinutes: 105 },
  { serviceType: 'dishwasher', name: 'Dishwasher repair visit', description: 'Dishwashers that do not drain, heat or clean: pumps, spray arms, seals and control faults repaired at home.', basePrice: 8900, durationMinutes: 90 },
  { serviceType: 'microwave', name: 'Microwave repair visit', description: 'Built-in and freestanding microwaves: turntables, door switches, lamps and heating faults. Magnetron replacement quoted on diagnosis.', basePrice: 6900, durationMinutes: 60 },
];
