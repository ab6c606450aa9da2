import { defineStrings } from '../defineStrings';

export default defineStrings({
  en: {
    'btg.explain': 'You are not on this record\'s need-to-know list. You can open it only for a stated reason; the reason and your name go to the audit log, which the tenant\'s auditors read.',
    'btg.open': 'Open with a stated reason (break the glass)',
    'btg.title': 'Break the glass',
    'btg.reason': 'Reason',
    'btg.reasonHint': 'At least 10 characters (or 4 Chinese characters), at most 1000, with at least 4 different letters: why you must open this record now (e.g. the person is in danger and their counsellor is away).',
    'btg.reasonTooShort': 'Write a reason: at least 10 characters (or 4 Chinese characters) with at least 4 different letters.',
    'btg.submit': 'Open the record',
    'btg.granted': 'Access granted until {until}. It is recorded in the audit log.',
  },
  zh: {
    'btg.explain': '您不在该记录的“需知”名单上。只有说明理由后才能打开；理由和您的姓名将记入审计日志，由本租户的审计员查阅。',
    'btg.open': '说明理由后打开（紧急调阅）',
    'btg.title': '紧急调阅',
    'btg.reason': '理由',
    'btg.reasonHint': '至少 4 个汉字（或 10 个字母），最多 1000 个字符，至少包含 4 个不同的字：为何必须现在打开此记录（例如当事人处于危险中而负责的心理咨询师不在）。',
    'btg.reasonTooShort': '请写明理由：至少 4 个汉字（或 10 个字母），至少包含 4 个不同的字。',
    'btg.submit': '打开记录',
    'btg.granted': '已获准访问，至 {until} 为止。此次调阅已记入审计日志。',
  },
});
