/**
 * Vocabulary for the benchmark's generated news pages: everyday reporting words in English and
 * Russian, invented place and person names, section names. None of them is a name, byline or
 * description anchor of the dataset, so a page built from these words alone has no match (the
 * benchmark checks that the scanner agrees). Planted mentions come from `MENTIONS` only.
 */

export const EN_WORDS = (
  'the a of and to in on for with at by from about after before over under between during against into ' +
  'city council mayor budget vote voters plan plans week month year morning evening night weekend season ' +
  'report reports reported said says told according officials official spokesman spokeswoman statement ' +
  'residents families workers teachers doctors nurses farmers drivers students owners tenants visitors ' +
  'market markets price prices rise rises fell fall growth trade exports imports factory factories harvest ' +
  'road roads bridge tram train station airport harbour river valley coast hills district quarter suburb ' +
  'school schools hospital clinic library museum theatre stadium park garden square street avenue ' +
  'water power heating electricity gas fuel weather rain snow storm flood drought heat wind frost ' +
  'court judge trial lawyer appeal ruling decision hearing case witness jury sentence charges ' +
  'company companies firm bank banks loan loans rates interest investors shares profit losses jobs wages ' +
  'minister parliament election campaign candidate party coalition opposition debate bill law reform ' +
  'police fire crew rescue volunteers ambulance emergency accident crash delays closure repairs works ' +
  'new old first last second third next early late small large long short high low local regional ' +
  'public private national annual monthly weekly daily recent former current major minor ' +
  'announced approved rejected expected planned opened closed started finished delayed cancelled ' +
  'increase decrease change changes project projects programme service services system network ' +
  'community neighbourhood centre club team match league cup final goal coach players fans ' +
  'festival concert exhibition film book author artist music season premiere audience tickets ' +
  'study survey data figures numbers percent half quarter third dozen hundreds thousands ' +
  'would could should might will may can must has have had was were been being is are ' +
  'this that these those there their they them it its he she his her we our you your ' +
  'also still just only even more most less least very quite rather again already soon ' +
  'because although while when where which who whose what how why if unless until since ' +
  'building buildings housing homes apartments rent rents construction site sites land ' +
  'children parents pupils teenagers elderly pensioners couples neighbours friends ' +
  'morning traffic commuters cyclists pedestrians parking lanes signals crossing ' +
  'spring summer autumn winter january february march april june july august september october december ' +
  'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow'
).split(/\s+/);

export const RU_WORDS = (
  'в на с по для от до из за под над при о об и а но или что как это был была были будет ' +
  'город городской совет мэр бюджет голосование план неделя месяц год утро вечер выходные ' +
  'жители семьи рабочие учителя врачи фермеры водители студенты владельцы арендаторы ' +
  'рынок цены рост снижение торговля экспорт импорт завод урожай дорога мост трамвай вокзал ' +
  'аэропорт река долина побережье район квартал школа больница библиотека музей театр ' +
  'стадион парк сад площадь улица проспект вода электричество отопление погода дождь снег ' +
  'буря наводнение засуха жара ветер суд судья процесс адвокат решение слушание дело ' +
  'компания банк кредит ставки инвесторы акции прибыль рабочие места зарплата министр ' +
  'парламент выборы кампания кандидат партия коалиция оппозиция закон реформа полиция ' +
  'пожарные спасатели волонтеры авария ремонт работы новый старый первый последний ' +
  'местный областной общественный частный ежегодный заявил сообщил отметил объявил ' +
  'одобрил отклонил открыл закрыл начал завершил проект программа служба сеть клуб ' +
  'команда матч лига кубок тренер игроки болельщики фестиваль концерт выставка фильм ' +
  'книга автор художник музыка зрители билеты исследование данные процентов тысячи ' +
  'также еще только уже снова скоро потому хотя когда где который кто почему если'
).split(/\s+/);

export const PEOPLE = [
  'Anna Keller', 'Marek Duda', 'Sofia Lindqvist', 'Tomas Ferreira', 'Ingrid Holm', 'Pavel Orlov', 'Lena Brandt',
  'Omar Haddad', 'Clara Jensen', 'Viktor Sokolov', 'Ruth Okafor', 'Daniel Moreau', 'Hana Novak', 'Elias Berg',
  'Irina Volkova', 'Felix Navarro', 'Greta Lund', 'Samuel Adeyemi', 'Nadia Petrova', 'Jonas Weber',
];

export const PEOPLE_RU = ['Анна Келлер', 'Павел Орлов', 'Ирина Волкова', 'Виктор Соколов', 'Надежда Петрова', 'Марк Дуда'];

export const PLACES = ['Brightwater', 'Kelmora', 'Ostervik', 'Lindenfeld', 'Marlow Bay', 'Stonebridge', 'Veltrana', 'Harwick', 'Norrgate', 'Castelmar'];

export const SECTIONS = ['Home', 'Local', 'Politics', 'Business', 'Sport', 'Culture', 'Science', 'Weather', 'Opinion', 'Archive'];

export const TAGS = ['transport', 'housing', 'budget', 'schools', 'weather', 'courts', 'health', 'elections', 'energy', 'markets', 'culture', 'football'];

/** Hosts that links point to: none is a dataset publisher (reserved `.test` names). */
export const LINK_HOSTS = [
  'www.daily-ledger.test', 'wire-service.test', 'city-desk.test', 'archive.daily-ledger.test', 'weather-office.test',
  'courts-reporter.test', 'harbour-news.test', 'valley-times.test', 'stats-bureau.test', 'transit-board.test',
  'culture-guide.test', 'sports-desk.test', 'market-watch.test', 'school-board.test', 'health-service.test',
];

/**
 * Mentions planted in "few" and "many" pages: names (Latin, Cyrillic, an inflected form, a longer
 * alias), a description that pins the incident without naming it, and publisher names.
 */
export const MENTIONS = {
  en: [
    'Reporters who visited Ishkobod last week found the post rebuilt.',
    'The Ishqobod outpost was the subject of a new inquiry, officials said.',
    'A report on the attack on a Tajik border outpost near the Uzbek border in Rudaki district on 6 November 2019 was published.',
    'The claim was first carried by Global Research, the site said.',
    'A statement attributed to Hizb ut-Tahrir was circulated on social media.',
  ],
  ru: [
    'Журналисты побывали на заставе Ишкобод на прошлой неделе.',
    'О нападении на Ишкобода писали многие издания.',
  ],
} as const;

/**
 * The vocabulary of regional news from Tajikistan, for the topic-dense pages: the country, its
 * capital and districts, the border, security forces and police, in English and Russian. These are
 * the words the incident's description rules listen for first (the country, the capital, the
 * district), with none of the words for an attack: a block may name Dushanbe and a checkpoint, or
 * the border guards, but never an assault on a post, so no rule can match and the page has no
 * incident (the benchmark's own test checks the scanner agrees).
 */
export const TOPIC = {
  en: [
    'in Dushanbe', 'across Tajikistan', 'the Tajik government', 'officials in Dushanbe', 'in the Khatlon region',
    'the Rudaki district administration', 'in Rudaki district', 'in Vahdat', 'in Kulob', 'in Bokhtar', 'in Khujand',
    'in the Sughd region', 'along the Afghan border', 'on the border with Afghanistan', 'the border guards',
    'the security forces', 'the police', 'the traffic police', 'the interior ministry', 'the State Committee for National Security',
    'the prosecutor general’s office', 'customs officers at the border', 'a checkpoint on the Dushanbe–Kulob road',
    'the Panj river', 'the Pamir highway', 'Tajik migrant workers in Russia', 'remittances to Tajikistan',
    'the cotton harvest in Khatlon', 'the Rogun dam', 'the National Bank of Tajikistan', 'the Tajik somoni',
    'Tajik and Uzbek officials', 'the mayor of Dushanbe', 'police in Rudaki', 'security forces near the border',
  ],
  ru: [
    'в Душанбе', 'по всему Таджикистану', 'правительство Таджикистана', 'власти Душанбе', 'в Хатлонской области',
    'в Рудакинском районе', 'в районе Рудаки', 'в Вахдате', 'в Кулябе', 'в Бохтаре', 'в Худжанде', 'в Согдийской области',
    'на таджикско-афганской границе', 'на границе с Афганистаном', 'пограничники', 'силовые структуры', 'силовики',
    'милиция', 'сотрудники полиции', 'МВД Таджикистана', 'ГКНБ Таджикистана', 'прокуратура', 'таможенники на границе',
    'блокпост на трассе Душанбе — Куляб', 'река Пяндж', 'Памирский тракт', 'таджикские трудовые мигранты в России',
    'денежные переводы в Таджикистан', 'сбор хлопка в Хатлоне', 'Рогунская ГЭС', 'Нацбанк Таджикистана',
    'таджикский сомони', 'мэрия Душанбе', 'полиция Рудаки', 'силовики у границы',
  ],
} as const;

/** Place names for the topic pages' datelines and sections. */
export const TOPIC_PLACES = ['Dushanbe', 'Khujand', 'Kulob', 'Bokhtar', 'Vahdat', 'Khorog', 'Istaravshan', 'Panjakent', 'Tursunzoda', 'Hisor'];
export const TOPIC_SECTIONS = ['Home', 'Tajikistan', 'Region', 'Economy', 'Society', 'Security', 'Culture', 'Sport', 'Opinion', 'Archive'];
export const TOPIC_SECTIONS_RU = ['Главная', 'Таджикистан', 'Регион', 'Экономика', 'Общество', 'Безопасность', 'Культура', 'Спорт', 'Мнения', 'Архив'];
