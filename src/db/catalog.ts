/**
 * The demo catalog the shopping agent searches: generated deterministically from small tables
 * (product kinds × brands × colors), so ids and prices are the same on every machine and run.
 */

export const categories = ['shoes', 'jackets', 'shirts', 'pants', 'accessories', 'bags'] as const;
export type Category = (typeof categories)[number];

export interface CatalogProduct {
  id: string;
  name: string;
  description: string;
  category: Category;
  brand: string;
  priceCents: number;
  sizes: string[];
  colors: string[];
  inStock: boolean;
}

interface Kind {
  category: Category;
  name: string;
  blurb: string;
  /** Price of the cheapest product of this kind, in dollars; each next brand costs `step` more. */
  basePrice: number;
  step: number;
  /** How many brands carry this kind. */
  brands: number;
  sizes: readonly string[];
  palette: readonly string[];
}

const brands = [
  'Stride',
  'Northpeak',
  'Urbanline',
  'Coastline',
  'Ironwood',
  'Velocity',
  'Harbor',
  'Summit',
];

const models = [
  'Aero',
  'Pulse',
  'Glide',
  'Tempo',
  'Ridge',
  'Nova',
  'Drift',
  'Apex',
  'Flux',
  'Terra',
  'Vista',
  'Echo',
  'Orbit',
];

const shoeSizes = ['7', '8', '9', '10', '11', '12'];
const letterSizes = ['XS', 'S', 'M', 'L', 'XL'];
const shirtSizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const waistSizes = ['28', '30', '32', '34', '36'];
const smallSizes = ['S', 'M', 'L'];
const oneSize: string[] = [];

const kinds: Kind[] = [
  // shoes
  {
    category: 'shoes',
    name: 'Running Shoes',
    blurb: 'Cushioned road running shoes for daily training and long runs.',
    basePrice: 70,
    step: 15,
    brands: 8,
    sizes: shoeSizes,
    palette: ['black', 'white', 'blue', 'red', 'grey', 'orange'],
  },
  {
    category: 'shoes',
    name: 'Trail Running Shoes',
    blurb: 'Grippy trail running shoes with a rock plate for mud, roots and rough terrain.',
    basePrice: 95,
    step: 14,
    brands: 6,
    sizes: shoeSizes,
    palette: ['olive', 'black', 'orange', 'grey', 'green'],
  },
  {
    category: 'shoes',
    name: 'Racing Shoes',
    blurb: 'Lightweight carbon-plated running shoes built for race day and fast tempo runs.',
    basePrice: 150,
    step: 20,
    brands: 4,
    sizes: shoeSizes,
    palette: ['white', 'pink', 'orange', 'black'],
  },
  {
    category: 'shoes',
    name: 'Leather Sneakers',
    blurb: 'Everyday leather sneakers with a clean, minimal look and a cushioned insole.',
    basePrice: 60,
    step: 10,
    brands: 5,
    sizes: shoeSizes,
    palette: ['white', 'black', 'beige', 'navy'],
  },
  {
    category: 'shoes',
    name: 'Hiking Boots',
    blurb: 'Waterproof hiking boots with ankle support and a lugged outsole.',
    basePrice: 120,
    step: 15,
    brands: 4,
    sizes: shoeSizes,
    palette: ['brown', 'grey', 'black', 'olive'],
  },
  {
    category: 'shoes',
    name: 'Chelsea Boots',
    blurb: 'Suede Chelsea boots with elastic sides, smart enough for the office.',
    basePrice: 140,
    step: 15,
    brands: 3,
    sizes: shoeSizes,
    palette: ['brown', 'black', 'beige'],
  },
  // jackets
  {
    category: 'jackets',
    name: 'Denim Jacket',
    blurb: 'Classic trucker denim jacket in sturdy cotton denim that softens with wear.',
    basePrice: 60,
    step: 12,
    brands: 6,
    sizes: letterSizes,
    palette: ['blue', 'black', 'light blue', 'grey'],
  },
  {
    category: 'jackets',
    name: 'Winter Coat',
    blurb: 'Insulated hooded winter coat, windproof and warm down to -20 °C.',
    basePrice: 150,
    step: 25,
    brands: 6,
    sizes: letterSizes,
    palette: ['black', 'navy', 'olive', 'red', 'beige'],
  },
  {
    category: 'jackets',
    name: 'Puffer Jacket',
    blurb: 'Packable down puffer jacket for cold days and winter travel.',
    basePrice: 110,
    step: 15,
    brands: 4,
    sizes: letterSizes,
    palette: ['black', 'navy', 'orange', 'green'],
  },
  {
    category: 'jackets',
    name: 'Rain Jacket',
    blurb: 'Waterproof, breathable rain jacket with taped seams and a packable hood.',
    basePrice: 80,
    step: 12,
    brands: 4,
    sizes: letterSizes,
    palette: ['yellow', 'navy', 'red', 'black'],
  },
  {
    category: 'jackets',
    name: 'Fleece Jacket',
    blurb: 'Soft zip-up fleece jacket for layering on chilly mornings.',
    basePrice: 50,
    step: 8,
    brands: 3,
    sizes: letterSizes,
    palette: ['grey', 'navy', 'beige'],
  },
  {
    category: 'jackets',
    name: 'Leather Jacket',
    blurb: 'Lambskin leather biker jacket with an asymmetric zip.',
    basePrice: 220,
    step: 30,
    brands: 3,
    sizes: letterSizes,
    palette: ['black', 'brown'],
  },
  // shirts
  {
    category: 'shirts',
    name: 'Oxford Shirt',
    blurb: 'Button-down oxford cotton shirt for work and weekends.',
    basePrice: 45,
    step: 6,
    brands: 5,
    sizes: shirtSizes,
    palette: ['white', 'light blue', 'pink', 'navy'],
  },
  {
    category: 'shirts',
    name: 'Linen Shirt',
    blurb: 'Breathable linen shirt that keeps you cool in summer heat.',
    basePrice: 50,
    step: 6,
    brands: 4,
    sizes: shirtSizes,
    palette: ['white', 'beige', 'olive', 'light blue'],
  },
  {
    category: 'shirts',
    name: 'Flannel Shirt',
    blurb: 'Brushed cotton flannel shirt in a warm check pattern.',
    basePrice: 40,
    step: 5,
    brands: 4,
    sizes: shirtSizes,
    palette: ['red', 'green', 'navy', 'grey'],
  },
  {
    category: 'shirts',
    name: 'Cotton T-Shirt',
    blurb: 'Heavyweight organic cotton t-shirt with a relaxed fit.',
    basePrice: 18,
    step: 4,
    brands: 6,
    sizes: shirtSizes,
    palette: ['white', 'black', 'grey', 'navy', 'olive'],
  },
  {
    category: 'shirts',
    name: 'Running Tee',
    blurb: 'Technical running t-shirt in quick-dry, sweat-wicking fabric.',
    basePrice: 25,
    step: 5,
    brands: 4,
    sizes: shirtSizes,
    palette: ['orange', 'blue', 'black', 'white'],
  },
  {
    category: 'shirts',
    name: 'Polo Shirt',
    blurb: 'Pique cotton polo shirt with a ribbed collar.',
    basePrice: 35,
    step: 5,
    brands: 3,
    sizes: shirtSizes,
    palette: ['navy', 'white', 'green'],
  },
  // pants
  {
    category: 'pants',
    name: 'Slim Jeans',
    blurb: 'Slim-fit stretch denim jeans with a mid rise.',
    basePrice: 55,
    step: 10,
    brands: 5,
    sizes: waistSizes,
    palette: ['blue', 'black', 'grey'],
  },
  {
    category: 'pants',
    name: 'Straight Jeans',
    blurb: 'Straight-leg rigid denim jeans in a classic five-pocket cut.',
    basePrice: 60,
    step: 10,
    brands: 3,
    sizes: waistSizes,
    palette: ['blue', 'light blue', 'black'],
  },
  {
    category: 'pants',
    name: 'Chinos',
    blurb: 'Tapered cotton twill chinos that work with sneakers or boots.',
    basePrice: 45,
    step: 8,
    brands: 4,
    sizes: waistSizes,
    palette: ['beige', 'navy', 'olive', 'grey'],
  },
  {
    category: 'pants',
    name: 'Joggers',
    blurb: 'Soft fleece-back joggers with cuffed ankles and a drawstring waist.',
    basePrice: 40,
    step: 6,
    brands: 4,
    sizes: letterSizes,
    palette: ['grey', 'black', 'navy'],
  },
  {
    category: 'pants',
    name: 'Running Shorts',
    blurb: 'Lightweight running shorts with a built-in liner and a zip pocket.',
    basePrice: 25,
    step: 5,
    brands: 4,
    sizes: smallSizes,
    palette: ['black', 'blue', 'red', 'grey'],
  },
  {
    category: 'pants',
    name: 'Cargo Pants',
    blurb: 'Ripstop cargo pants with roomy side pockets.',
    basePrice: 55,
    step: 8,
    brands: 3,
    sizes: waistSizes,
    palette: ['olive', 'black', 'beige'],
  },
  // accessories
  {
    category: 'accessories',
    name: 'Wool Beanie',
    blurb: 'Ribbed merino wool beanie for winter walks.',
    basePrice: 20,
    step: 4,
    brands: 4,
    sizes: oneSize,
    palette: ['grey', 'black', 'red', 'navy'],
  },
  {
    category: 'accessories',
    name: 'Leather Belt',
    blurb: 'Full-grain leather belt with a brushed steel buckle.',
    basePrice: 35,
    step: 6,
    brands: 3,
    sizes: smallSizes,
    palette: ['brown', 'black'],
  },
  {
    category: 'accessories',
    name: 'Sunglasses',
    blurb: 'Polarized sunglasses with UV400 protection.',
    basePrice: 60,
    step: 20,
    brands: 4,
    sizes: oneSize,
    palette: ['black', 'brown', 'blue'],
  },
  {
    category: 'accessories',
    name: 'Running Socks',
    blurb: 'Cushioned anti-blister running socks, pack of three pairs.',
    basePrice: 12,
    step: 2,
    brands: 4,
    sizes: smallSizes,
    palette: ['white', 'black', 'grey'],
  },
  {
    category: 'accessories',
    name: 'Wool Scarf',
    blurb: 'Long lambswool scarf, warm without the itch.',
    basePrice: 30,
    step: 6,
    brands: 3,
    sizes: oneSize,
    palette: ['grey', 'navy', 'red', 'beige'],
  },
  {
    category: 'accessories',
    name: 'GPS Running Watch',
    blurb: 'GPS running watch with heart-rate tracking and a week of battery life.',
    basePrice: 150,
    step: 50,
    brands: 3,
    sizes: oneSize,
    palette: ['black', 'white'],
  },
  // bags
  {
    category: 'bags',
    name: 'Backpack',
    blurb: 'Water-resistant 25 L backpack with a padded laptop sleeve.',
    basePrice: 60,
    step: 15,
    brands: 5,
    sizes: oneSize,
    palette: ['black', 'grey', 'navy', 'olive'],
  },
  {
    category: 'bags',
    name: 'Tote Bag',
    blurb: 'Heavy canvas tote bag with an inner zip pocket.',
    basePrice: 35,
    step: 8,
    brands: 3,
    sizes: oneSize,
    palette: ['beige', 'black', 'navy'],
  },
  {
    category: 'bags',
    name: 'Duffel Bag',
    blurb: 'Weekender duffel bag with a separate shoe compartment.',
    basePrice: 70,
    step: 15,
    brands: 3,
    sizes: oneSize,
    palette: ['black', 'brown', 'olive'],
  },
  {
    category: 'bags',
    name: 'Messenger Bag',
    blurb: 'Waxed cotton messenger bag that fits a 15-inch laptop.',
    basePrice: 65,
    step: 12,
    brands: 3,
    sizes: oneSize,
    palette: ['brown', 'black', 'grey'],
  },
  {
    category: 'bags',
    name: 'Running Hydration Vest',
    blurb: 'Running hydration vest with two soft flasks for long trail runs.',
    basePrice: 80,
    step: 20,
    brands: 2,
    sizes: oneSize,
    palette: ['black', 'blue'],
  },
];

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}

function buildCatalog(): CatalogProduct[] {
  const products: CatalogProduct[] = [];
  kinds.forEach((kind, k) => {
    for (let i = 0; i < kind.brands; i++) {
      const n = products.length;
      const brand = pick(brands, k * 3 + i);
      const model = pick(models, k * 5 + i * 7);
      const colorCount = Math.min(kind.palette.length, 2 + (n % 2));
      const colors = Array.from({ length: colorCount }, (_, c) => pick(kind.palette, i + c));
      products.push({
        id: `p-${String(n + 1).padStart(3, '0')}`,
        name: `${brand} ${model} ${kind.name}`,
        description: `${kind.blurb} By ${brand}, in ${colors.join(', ')}.`,
        category: kind.category,
        brand,
        priceCents: (kind.basePrice + kind.step * i) * 100 - 1,
        sizes: [...kind.sizes],
        colors,
        inStock: n % 13 !== 6,
      });
    }
  });
  return products;
}

export const catalog: readonly CatalogProduct[] = buildCatalog();
