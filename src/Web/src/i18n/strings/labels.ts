import { defineStrings } from '../defineStrings';

// The ONE set of labels for the enums every page shows: case status, receipt status, risk level and task kind. Every page
// (case queue and case page, my reports, my tasks, the screening form, protocol settings, the overdue board) reads these
// keys and no page defines its own. The terms follow the plans' wording (docs/domain.md R-1.10: the family gets the
// emergency number, visits become more frequent, the police help with safe transport; docs/discharge.md) and are the
// same as the statistics tables and exports (src/Grains/Statistics/StatisticsLabels.cs; StatusLabelsShould checks both).
// Key names are kept as they were (the browser tests find controls by them).
export default defineStrings({
  en: {
    'cases.status.REPORTED': 'Reported',
    'cases.status.TRIAGE': 'Triage',
    'cases.status.ACTIVE': 'Active',
    'cases.status.REFERRED': 'Referred',
    'cases.status.FOLLOW_UP': 'Follow-up',
    'cases.status.CLOSED': 'Closed',
    'frontline.receiptStatus.RECEIVED': 'Received',
    'frontline.receiptStatus.BEING_HANDLED': 'Being handled',
    'frontline.receiptStatus.CLOSED': 'Closed',
    'cases.risk.LOW': 'Low',
    'cases.risk.MODERATE': 'Moderate',
    'cases.risk.HIGH': 'High',
    'cases.risk.IMMINENT': 'Imminent',
    'cases.risk.UNGRADED': 'Not yet graded',
    'cases.task.NOTIFY_FAMILY_EMERGENCY_CONTACT': 'Notify family and emergency contact',
    'cases.task.PROFESSIONAL_CRISIS_INTERVENTION': 'Professional crisis intervention',
    'cases.task.RAISE_VISIT_FREQUENCY': 'Raise visit frequency',
    'cases.task.GUIDE_TO_PSYCHIATRIC_INSTITUTION': 'Guide to a psychiatric institution',
    'cases.task.POLICE_TRANSPORT_ASSISTANCE': 'Police transport assistance',
    'cases.task.DISCHARGE_HAND_OVER': 'Discharge hand-over',
    'cases.task.FOLLOW_UP_VISIT': 'Follow-up visit',
    'cases.task.DISCHARGE_COMMUNITY_CHECK': 'Community check of a discharge',
    'cases.task.GRADE_RISK': 'Grade the risk',
  },
  zh: {
    'cases.status.REPORTED': '待处理',
    'cases.status.TRIAGE': '分诊中',
    'cases.status.ACTIVE': '处理中',
    'cases.status.REFERRED': '已转介',
    'cases.status.FOLLOW_UP': '随访中',
    'cases.status.CLOSED': '已结案',
    'frontline.receiptStatus.RECEIVED': '已接收',
    'frontline.receiptStatus.BEING_HANDLED': '处理中',
    'frontline.receiptStatus.CLOSED': '已结案',
    'cases.risk.LOW': '低',
    'cases.risk.MODERATE': '中',
    'cases.risk.HIGH': '高',
    'cases.risk.IMMINENT': '紧急',
    'cases.risk.UNGRADED': '未评估',
    'cases.task.NOTIFY_FAMILY_EMERGENCY_CONTACT': '告知家属并提供紧急联系方式',
    'cases.task.PROFESSIONAL_CRISIS_INTERVENTION': '专业人员危机干预',
    'cases.task.RAISE_VISIT_FREQUENCY': '提高随访（走访）频次',
    'cases.task.GUIDE_TO_PSYCHIATRIC_INSTITUTION': '引导至精神卫生专科机构',
    'cases.task.POLICE_TRANSPORT_ASSISTANCE': '公安协助护送就医',
    'cases.task.DISCHARGE_HAND_OVER': '出院信息交接',
    'cases.task.FOLLOW_UP_VISIT': '随访',
    'cases.task.DISCHARGE_COMMUNITY_CHECK': '出院信息社区核实',
    'cases.task.GRADE_RISK': '评估风险等级',
  },
});
