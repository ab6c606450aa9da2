import { describe, expect, it } from 'vitest';
import { CRISIS_WORDS, findCrisisWords, shouldAskCrisis } from '../src/pages/frontline/crisisWords';

describe('findCrisisWords: words in a report that suggest self-harm or suicide', () => {
  it('finds the new-user trial\'s report (攒药 with words between)', () => {
    expect(findCrisisWords('不想活了，药都攒好了…屋里看到一袋药片')).toEqual(['不想活', '攒药']);
  });

  it('finds the browser test\'s report in both languages (不想再活, does not want to live)', () => {
    expect(findCrisisWords('课间独自坐在走廊里哭，说不想再活下去了。')).toEqual(['不想活']);
    expect(findCrisisWords('Crying alone in the corridor at break; said she does not want to live any more.')).toEqual(['not want to live']);
    expect(findCrisisWords("I don't want to live")).toEqual(['not want to live']);
  });

  it.each([
    '不想活', '活不下去', '活着没意思', '自杀', '轻生', '寻死', '想死', '死了算了', '结束生命', '割腕', '跳楼', '跳下去', '跳河', '上吊', '攒药', '安眠药', '农药',
    '遗书', '告别',
  ])('finds %s inside a sentence', (word) => {
    expect(findCrisisWords(`学生说：${word}。`)).toContain(word);
  });

  it.each([
    ['He said he wants to KILL HIMSELF tonight', 'kill myself'],
    ['talked about suicide', 'suicide'],
    ['suicidal thoughts since Monday', 'suicide'],
    ['she wants to end her own life', 'end my life'],
    ['"I want to die"', 'want to die'],
    ['took an overdose last year', 'overdose'],
    ['risk of overdosing', 'overdose'],
  ])('finds English: %s', (text, word) => {
    expect(findCrisisWords(text)).toEqual([word]);
  });

  it('looks in every text given, each word once', () => {
    expect(findCrisisWords('写了遗书', null, undefined, '又提到遗书，还说 suicide')).toEqual(['遗书', 'suicide']);
  });

  it('finds nothing in an ordinary concern', () => {
    expect(findCrisisWords('上课哭泣，和同学吵架，最近成绩下降。')).toEqual([]);
    expect(findCrisisWords('Crying in class; argued with a friend; the pharmacy is far.')).toEqual([]);
    expect(findCrisisWords('')).toEqual([]);
    expect(findCrisisWords('他不想活动，课间总坐着。')).toEqual([]);
  });

  it('lists every word of the brief', () => {
    expect(CRISIS_WORDS).toEqual(expect.arrayContaining(['不想活', '攒药', 'kill myself', 'suicide', 'end my life', 'want to die', 'overdose']));
  });
});

describe('shouldAskCrisis: ask once when the words suggest more than the chosen risk', () => {
  it.each([['', true], ['LOW', true], ['MODERATE', true], ['HIGH', false], ['IMMINENT', false]] as const)('risk "%s" → %s', (risk, ask) => {
    expect(shouldAskCrisis(risk, '他说死了算了')).toBe(ask);
  });

  it('never asks without a crisis word', () => {
    expect(shouldAskCrisis('', '情绪低落')).toBe(false);
  });
});
