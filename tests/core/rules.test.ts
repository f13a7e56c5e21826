/**
 * Description rules written by concept, with the words by language in the concepts: the bundled
 * rules on paragraphs in the languages the incident was reported in, the near misses they must not
 * take, the pins of distance and direction and the tolerance for a misspelt place, and the context an
 * ambiguous name needs (the Persian عشق‌آباد is the outpost with a border post and Tajikistan near
 * it, and Ashgabat without).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConcepts } from '../../src/core/concept-compiler.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { RuleWindow, evaluateRules, findContext } from '../../src/core/rules.ts';

const bundled = JSON.parse(readFileSync(join(process.cwd(), 'src/data/dataset.json'), 'utf8')) as Dataset;
const compiled = compileConcepts([bundled]);
const rules = compiled.rules.get('ishkobod-2019') ?? [];
const describeIt = (text: string, lang = 'en') => evaluateRules(new RuleWindow(text, compiled.concepts), rules, lang);
/** What a page's mark would be: a match at the default confidence. */
const marks = (text: string): boolean => (describeIt(text)?.confidence ?? 0) >= 0.5;

describe('concept rules', () => {
  describe('match descriptions in the languages of the coverage', () => {
    it.each([
      ['en', 'Tajikistan has asked for more support since November 2019, when militants that the government linked to Islamic State attacked a Tajik guard post 60km west of the capital.'],
      ['en', 'The case officials cite most often is the night assault on a border post some 55 kilometres south-west of Dushambe, which the government blamed on the Islamic State group.'],
      ['ru', 'В ноябре 2019 года около двадцати вооружённых людей в масках ворвались на таджикский пост пограничников в шестидесяти километрах западнее столицы.'],
      ['tg', 'баъди шабохуни 6 ноябри соли 2019 ба нуқтаи марзӣ дар ноҳияи Рӯдакӣ, дар марзи Тоҷикистону Ӯзбекистон'],
      ['de', 'als etwa zwanzig maskierte Bewaffnete einen tadschikischen Kontrollposten rund 60 Kilometer westlich der Hauptstadt stürmten'],
      ['fr', 'dans la nuit du 5 au 6 novembre 2019, une vingtaine d’hommes ont fait irruption dans une garnison frontalière tadjike, près de la frontière ouzbèke'],
      ['es', 'en noviembre de 2019, cuando hombres armados atacaron de noche un puesto fronterizo tayiko junto a la frontera uzbeka'],
      ['it', 'l’attacco contro un posto di blocco al confine tra Tagikistan e Uzbekistan, a 60 chilometri a sud-ovest della capitale, attribuito all’Isis'],
      ['pt', 'em novembro de 2019, homens mascarados atacaram um posto de fronteira do Tajiquistão junto à divisa com o Uzbequistão'],
      ['tr', 'Kasım 2019’da silahlı ve maskeli bir grup, Tacikistan’ın Özbekistan sınırındaki bir karakola gece saldırı düzenlemişti'],
      ['uz', '2019-yil noyabrda Tojikistonning Oʻzbekiston bilan chegarasidagi postlardan biriga qurollangan guruh hujum qilgan'],
      ['id', 'Pada Rabu (6/11/2019) dini hari, 20 pria bersenjata menyerang sebuah pos perbatasan di perbatasan Tajikistan-Uzbekistan'],
      ['ar', 'ففي نوفمبر 2019 هاجم نحو عشرين مسلحاً ليلاً مركزاً لحرس الحدود الطاجيكي قرب الحدود مع أوزبكستان'],
      ['fa', 'در آبان ۱۳۹۸ حدود بیست مرد مسلح به یک پاسگاه مرزی تاجیکستان در نزدیکی مرز ازبکستان حمله کردند'],
      ['zh', '当时约20名蒙面武装分子夜袭塔吉克斯坦与乌兹别克斯坦边境的一处边防哨所，“伊斯兰国”随后宣称对袭击负责'],
      ['ja', '2019年11月：首都ドゥシャンベの西約60キロ、ウズベキスタンとの国境に位置する国境ポストが武装グループに襲撃され'],
      ['ko', '타지키스탄은 2019년 11월 타지키스탄-우즈베키스탄 국경의 한 초소가 복면을 쓴 무장 괴한 20여 명의 공격을 받아'],
      ['ka', 'ტაჯიკეთი 2019 წლის ნოემბერს, როდესაც ტაჯიკეთ-უზბეკეთის საზღვარზე მდებარე საგუშაგოზე შეიარაღებული ჯგუფი თავს დაესხა'],
    ])('%s: %s', (_lang, text) => expect(marks(text)).toBe(true));
  });

  describe('do not take another event for it', () => {
    it.each([
      ['zh', '吉尔吉斯斯坦与塔吉克斯坦边境地区4月底爆发武装冲突，双方互相指责对方首先开火并袭击边防哨所，沃鲁赫地区'],
      ['ar', 'تبادل البلدان الاتهامات بمهاجمة مراكز حدودية طاجيكية وقصف قرى في منطقتي باتكن وإسفرة في سبتمبر 2022'],
      ['ko', '아프가니스탄 쪽에서 국경을 넘어온 괴한 3명이 타지키스탄 샴시딘 쇼힌 지역의 국경초소를 공격하려다 사살됐다'],
      ['ja', 'タジキスタン南部ダンガラ付近で外国人の自転車旅行者が襲撃され、「イスラム国」が犯行声明を出した'],
      ['en', 'Militants linked to Islamic State fired on a Tajik border post from Afghanistan, the border troops said.'],
      ['fa', 'بازارچه مرزی اشکاشم میان پاسگاه‌های مرزی تاجیکستان و افغانستان دوباره گشایش یافت'],
      // دوشنبه is also Monday in Persian: a police post attacked in Iran on a Monday of Aban 1398.
      ['fa', 'روز دوشنبه ۱۳ آبان ۱۳۹۸ مهاجمان مسلح به یک پاسگاه انتظامی در سیستان و بلوچستان حمله کردند'],
    ])('%s: %s', (_lang, text) => expect(marks(text)).toBe(false));
  });

  it('pins a distance only with a direction near it, and a misspelt place only with one letter off', () => {
    const withDirection = describeIt('Gunmen attacked a Tajik border post 55 km south-west of the capital');
    expect(withDirection?.evidence).toContain('About 50–60 km west or south-west of Dushanbe: 55 km … south west of');
    const far = describeIt('Gunmen attacked a Tajik border post 55 km from the river; the road then turns west of the hills');
    expect(far?.evidence.some((e) => e.startsWith('About 50–60 km west'))).toBe(false);
    expect(far?.evidence).toContain('About 50–60 km from Dushanbe: 55 km');
    expect(describeIt('Gunmen attacked a Tajik border post of the Sultanobod detachment')?.evidence).toContain('Sultonobod border detachment: Sultanobod');
    expect(describeIt('Gunmen attacked a Tajik border post of the Sultinibid detachment')).toBeNull();
  });

  it('reads Solar Hijri dates in Persian digits and says why in the reader’s language', () => {
    const d = describeIt('بامداد ۱۵ آبان ۱۳۹۸ گروهی مسلح به پاسگاه مرزی در تاجیکستان حمله کرد', 'ru');
    expect(d?.evidence).toContain('6 ноября 2019 года: ۱۵ آبان');
    expect(d?.evidence).toContain('Пограничная застава: پاسگاه');
  });
});

describe('the context of an ambiguous name', () => {
  const alias = bundled.incidents[0]?.aliases.find((a) => a.text === 'عشق آباد');
  const context = (text: string) => findContext(new RuleWindow(text, compiled.concepts), alias?.context ?? []);

  it('is in the data: a border post and Tajikistan', () => {
    expect(alias).toMatchObject({ ambiguous: true, context: ['border-post', 'tajikistan'] });
  });

  it.each([
    ['fa', 'در حمله گروهی مسلح به پاسگاه مرزی عشق‌آباد در منطقه رودکی تاجیکستان ۱۷ نفر کشته شدند'],
    ['fa-AF', 'شب ۱۵ عقرب گروهی مسلح بر پوستهٔ مرزی عشق‌آباد در مرز تاجکستان و ازبیکستان حمله کرد'],
    ['ur', 'تاجکستان نے ازبکستان کے ساتھ اپنی سرحد پر عشق آباد چوکی پر ہونے والے حملے کے بعد'],
    ['ar', 'هاجم مسلحون مخفر عشق آباد الحدودي في طاجيكستان قرب الحدود مع أوزبكستان'],
  ])('marks it with its context (%s)', (_lang, text) => {
    const c = context(text);
    expect(c).not.toBeNull();
    expect(c?.evidence).toHaveLength(2);
    expect(c?.evidence[0]).toMatch(/^A border post: /);
    expect(c?.evidence[1]).toMatch(/^Tajikistan: /);
  });

  it.each([
    ['Ashgabat and a border crossing', 'وزیران نفت ایران و ترکمنستان در عشق‌آباد توافق کردند؛ ساعت کار پایانه مرزی سرخس افزایش می‌یابد'],
    ['Ashgabat with Tajikistan, Uzbekistan and a border, but no post', 'غرفه تاجیکستان در نمایشگاه عشق‌آباد؛ کامیون‌های تاجیک باید دو بار از مرز ازبکستان بگذرند'],
    ['Ashgabat with a border post, but no Tajikistan', 'قطارهای باری میان بندر مرزی تورغندی و عشق‌آباد؛ کالاها از راه پوستهٔ مرزی تورغندی وارد می‌شد'],
  ])('does not mark it without: %s', (_what, text) => expect(context(text)).toBeNull());
});
