/**
 * The bundled data's names in every script the coverage is written in, found by the word filter and
 * verified as the content script does, in headlines and sentences of the kind the coverage has;
 * near misses (other places, other organisations) in the same scripts find nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileIndex } from '../../src/core/index-compiler.ts';
import { BLOCK_EDGE, WordScanner, verifyHit } from '../../src/core/matcher.ts';
import { parseMeta, parsePhraseShard, type PhraseEntry } from '../../src/core/detection-index.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';

const bundled = JSON.parse(readFileSync(join(process.cwd(), 'src/data/dataset.json'), 'utf8')) as Dataset;
const index = compileIndex([bundled], 'g');
const parsed = parseMeta(index['idx:meta']);
const entries: PhraseEntry[] = Object.entries(index)
  .filter(([k]) => k.startsWith('idx:g:t:'))
  .flatMap(([, v]) => parsePhraseShard(v));

/** The names and bylines found in `text`: [record id, matched text, needs context]. */
function names(text: string): { id: string; text: string; context: boolean }[] {
  if (!parsed) throw new Error('no index');
  const words = new WordScanner(parsed.filter);
  words.feed(text, 0);
  words.breakWord();
  const out: { id: string; text: string; context: boolean }[] = [];
  const nameEntries = entries.filter((e) => e.r !== 'term');
  for (let h = 0; h < words.hits.length; h += 3) {
    for (const m of verifyHit(text, words.hits[h + 1] as number, nameEntries)) out.push({ id: m.entry.id, text: text.slice(m.start, m.end), context: m.entry.cx !== undefined });
  }
  return out;
}
const incident = (text: string) => names(text).filter((n) => n.id === 'ishkobod-2019');
const publishers = (text: string) => [...new Set(names(text).filter((n) => n.id !== 'ishkobod-2019').map((n) => n.id))];

describe('the outpost', () => {
  describe('matches', () => {
    it.each([
      ['ar', 'تبنى الهجوم على مركز لحرس الحدود في منطقة إيشقوباد', 'إيشقوباد'],
      ['ar', 'هجوم ليلي على نقطة إيشـــكوبود الحدودية', 'إيشـــكوبود'],
      ['ar', 'على نقطة إِيشْكُوبُود التابعة لمفرزة', 'إِيشْكُوبُود'],
      ['fa', 'گروهی مسلح به پاسگاه مرزی ایشکوبود در ناحیه رودکی حمله کرد', 'ایشکوبود'],
      ['fa (Arabic keyboard)', 'از مرز افغانستان تا ايشكوبود', 'ايشكوبود'],
      ['fa-AF', 'مهاجمان پوستهٔ مرزی ایشقوبود از افغانستان آمده بودند', 'ایشقوبود'],
      ['ur', 'تاجکستان میں اشکوبود سرحدی چوکی پر حملہ', 'اشکوبود'],
      ['el', 'ΕΠΙΘΕΣΗ ΣΤΟ ΦΥΛΑΚΙΟ ΙΣΚΑΜΠΟΝΤ', 'ΙΣΚΑΜΠΟΝΤ'],
      ['el', 'στο συνοριακό φυλάκιο Ισκαμπόντ, στα σύνορα', 'Ισκαμπόντ'],
      ['hi', 'इशकोबोड सीमा चौकी पर हमला', 'इशकोबोड'],
      ['hi', 'इश्कोबोद चौकी राजधानी दुशांबे से', 'इश्कोबोद'],
      ['hy', '«Իշկոբոդ» սահմանային ուղեկալի վրա', 'Իշկոբոդ'],
      ['hy', 'ԻՇԿՈԲՈԴԻ ՈՒՂԵԿԱԼԸ', 'ԻՇԿՈԲՈԴԻ'],
      ['ka', 'თავდასხმა იშქობოდის საგუშაგოზე', 'იშქობოდის'],
      ['he', 'תקפו את מוצב הגבול אישקובוד בטג׳יקיסטן', 'אישקובוד'],
      ['he', 'והגיעו לאישקובוד לאחר שחצו', 'לאישקובוד'],
      ['zh', '苏丹纳巴德边防支队第4哨所伊什科博德，位于首都', '伊什科博德'],
      ['ja', 'タジキスタン・イシュコボド国境ポスト襲撃事件', 'イシュコボド'],
      ['ko', '괴한 20여 명이 이시코보드에서 총격을 가했으며', '이시코보드'],
      ['az', 'Sultanabad sərhəd dəstəsinin "İşkobod" zastavasına', 'İşkobod'],
      ['tr', 'İşkobod’daki saldırının ardından', 'İşkobod'],
      ['tr', 'İŞKOBOD KARAKOLUNA SALDIRI', 'İŞKOBOD'],
      ['tk', 'Işkoboddaky wakadan soň', 'Işkoboddaky'],
      ['uz (1993)', 'guruh Afğonistondan Işqobodga qadar', 'Işqobodga'],
      ['kk', 'Olar Işqobodğa jetu üşın', 'Işqobodğa'],
      ['uz', 'ISHQOBODNING ORTIDAN', 'ISHQOBODNING'],
      ['uz', 'chegarasidagi Ishqoboddagi chegara postiga', 'Ishqoboddagi'],
    ])('%s: %s', (_lang, text, matched) => {
      expect(incident(text).map((n) => n.text)).toContain(matched);
    });
  });

  describe('does not match', () => {
    it.each([
      ['İşkaşim köprüsünde pazar yeniden kuruldu'],
      ['بازارچه مرزی اشکاشم دوباره گشایش یافت'],
      ['Ishkobodi'],
      ['the road to Ishkashim'],
      ['伊什卡希姆口岸重新开放'],
      ['ОТ ИШКАШИМА ДО ХОРОГА'],
    ])('%s', (text) => expect(incident(text)).toEqual([]));
  });

  it('takes the Ashgabat spelling for the outpost only as a name that needs its context', () => {
    for (const text of ['پاسگاه مرزی عشق‌آباد', 'در عشق آباد', 'مخفر عشق أباد الحدودي', 'عشقآباد']) {
      const found = incident(text);
      expect(found.length, text).toBeGreaterThan(0);
      expect(found.every((n) => n.context), text).toBe(true);
    }
  });

  it('reads a name on its own line after a line break', () => {
    expect([...new Set(incident(`boys at the${BLOCK_EDGE}Ishkobod${BLOCK_EDGE}border post`).map((n) => n.text))]).toEqual(['Ishkobod']);
  });
});

describe('publishers', () => {
  describe('matches', () => {
    it.each([
      ['Posts were usually tagged #GlobalResearch', 'global-research'],
      ['credited the piece simply to “GlobalResearch”', 'global-research'],
      ['the hashtag #HizbutTahrir, and the handle @HizbutTahrirMedia', 'hizb-ut-tahrir-cmo'],
      ['the credit line “Global Research Montreal” with no punctuation', 'global-research'],
      [`By Omid Rahimi${BLOCK_EDGE}Global Research${BLOCK_EDGE}November 26, 2019`, 'global-research'],
      ['Global Research November 26, 2019', 'global-research'],
      ['the website of the Montreal-based Centre for Research on Globalization', 'global-research'],
      ['HİZB-UT TAHRİR NEDİR, TÜRKİYE’DE NEDEN YARGILANIYOR?', 'hizb-ut-tahrir-cmo'],
      ['Yargıtay, Hizb-ut Tahrir’i terör örgütü olarak kabul ediyor', 'hizb-ut-tahrir-cmo'],
      ['国際的なイスラム主義組織ヒズブ・ウッ・タフリールをテロ組織に指定', 'hizb-ut-tahrir-cmo'],
      ['“伊扎布特”，即“伊斯兰解放党”', 'hizb-ut-tahrir-cmo'],
      ['गृह मंत्रालय ने हिज्ब-उत-तहरीर को प्रतिबंधित', 'hizb-ut-tahrir-cmo'],
      ['c’è il Centro per la Ricerca sulla Globalizzazione (CRG)', 'global-research'],
      ['es el Centro de Investigación sobre la Globalización, con sede', 'global-research'],
    ])('%s', (text, id) => expect(publishers(text)).toContain(id));
  });

  describe('does not match another body whose name holds the publisher’s', () => {
    it.each([
      ['The Halvorsen Institute for Global Research has won a grant'],
      ['The Institute for Global Research, founded in Tromsø in 1998'],
      ['the annual meeting of the European Centre for Research on Globalization and Labour drew'],
      ['Delegates from the Pacific Rim Global Research Forum presented'],
      ['under the umbrella of the Global Research Council.'],
      ['Global Research Spending Hits New High'],
      ['funding for global research on vaccines'],
      ['قالت مصادر إن هيئة تحرير الشام أفرجت عن معتقلين'],
      ['يستعد حزب جبهة التحرير الوطني لمؤتمره'],
      ['Hayat Tahrir al-Sham and Hizb-e Islami'],
    ])('%s', (text) => expect(publishers(text)).toEqual([]));
  });
});
