import type { Role, UnitKind } from '@mandate/domain';
import type { TaskSpec } from '@mandate/application';

/**
 * The Project 06 demo, from the provincial Standing Committee's working session on
 * Project 06 (population data, electronic identification and authentication): the units
 * it names, one user per unit and role, and a directive whose tasks follow the
 * Secretary's conclusions and the difficulties the meeting reported.
 */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_UNITS: { code: string; name: string; kind: UnitKind; username: string; person: string }[] = [
  { code: 'VPTU', name: 'Provincial Party Committee Office (Văn phòng Tỉnh ủy)', kind: 'office', username: 'vanphong', person: 'Lê Thị Thu (secretariat)' },
  { code: 'CA', name: 'Provincial Police (Công an tỉnh)', kind: 'agency', username: 'congan', person: 'Bùi Duy Hưng' },
  { code: 'VPUB', name: "People's Committee Office (Văn phòng UBND tỉnh)", kind: 'office', username: 'vpubnd', person: 'Trần Minh Đức' },
  { code: 'BTG', name: 'Propaganda Department (Ban Tuyên giáo Tỉnh ủy)', kind: 'department', username: 'tuyengiao', person: 'Phạm Thị Lan' },
  { code: 'MTTQ', name: 'Vietnam Fatherland Front Committee (Ủy ban MTTQ tỉnh)', kind: 'organisation', username: 'mttq', person: 'Hoàng Văn Nam' },
  { code: 'STP', name: 'Department of Justice (Sở Tư pháp) — civil status', kind: 'department', username: 'tuphap', person: 'Đỗ Thị Hạnh' },
  { code: 'SYT', name: 'Department of Health (Sở Y tế) — medical payments', kind: 'department', username: 'yte', person: 'Vũ Quốc Bảo' },
  { code: 'STTTT', name: 'Department of Information and Communications (Sở TT&TT) — public services', kind: 'department', username: 'tttt', person: 'Ngô Thanh Sơn' },
  { code: 'STC', name: 'Department of Finance (Sở Tài chính) — fees and funding', kind: 'department', username: 'taichinh', person: 'Đặng Thu Trang' },
  { code: 'UBTP', name: "City People's Committee (UBND thành phố)", kind: 'locality', username: 'thanhpho', person: 'Lý Văn Tài' },
];

export const DEMO_LEADERS: { username: string; displayName: string }[] = [
  { username: 'bithu', displayName: 'Nguyễn Anh Tuấn — Provincial Party Secretary' },
  { username: 'phochutich', displayName: "Đào Quang Khải — Vice Chairman of the Provincial People's Committee" },
];

export const DEMO_ROLES: Record<string, Role> = { VPTU: 'secretariat' };

export const DEMO_DIRECTIVE = {
  code: '06-CT/TU',
  title: 'Chỉ thị về đẩy mạnh triển khai Đề án 06 trên địa bàn tỉnh (Directive on promoting Project 06 in the province)',
  summary:
    'Develop population data, electronic identification and authentication for national digital transformation ' +
    '(Project 06, 2022–2025, vision 2030): five groups of utilities, on schedule, with "correct, sufficient, clean and alive" population data.',
  issuingBody: 'Standing Committee of the Provincial Party Committee',
  signedBy: 'Nguyễn Anh Tuấn',
};

type DemoTask = Omit<TaskSpec, 'leadUnitId' | 'coordinatingUnitIds'> & { lead: string; coordinating?: string[] };

export const DEMO_TASKS: DemoTask[] = [
  { lead: 'CA', coordinating: ['VPUB'], title: 'Urge, evaluate and report Project 06 progress, difficulties and bottlenecks each month', dueInWorkingDays: 20, priority: 'high', keyTask: true },
  { lead: 'CA', title: 'Make population data correct, sufficient, clean and alive; speed up collecting and activating level-2 electronic identification accounts', dueInWorkingDays: 45, priority: 'urgent', keyTask: true },
  { lead: 'VPUB', coordinating: ['CA'], title: "Draft the People's Committee plan to implement the Directive", dueInWorkingDays: 10, priority: 'high' },
  { lead: 'STP', coordinating: ['CA', 'STTTT'], title: 'Complete the digitisation of civil status records and remove duplicate electronic civil status data', dueInWorkingDays: 30, priority: 'high', keyTask: true },
  { lead: 'STC', coordinating: ['VPUB'], title: "Review fees and charges and submit to the People's Council a resolution exempting or reducing them for online public services and payments", dueInWorkingDays: 25 },
  { lead: 'STTTT', coordinating: ['CA'], title: 'Deploy the 25 essential public services with specific guidance for each service', dueInWorkingDays: 35, priority: 'high' },
  { lead: 'SYT', coordinating: ['MTTQ'], title: 'Introduce cashless payment of medical service costs at public hospitals', dueInWorkingDays: 40 },
  { lead: 'BTG', coordinating: ['MTTQ'], title: 'Disseminate the benefits of chip-based citizen ID cards and level-2 electronic identification', dueInWorkingDays: 15 },
  { lead: 'MTTQ', coordinating: ['BTG', 'UBTP'], title: 'Mobilise people and businesses to use online public services', dueInWorkingDays: 30 },
  { lead: 'STC', coordinating: ['STTTT'], title: 'Issue norms for investment in equipment, materials and machinery for Project 06', dueInWorkingDays: 20 },
  { lead: 'UBTP', coordinating: ['CA'], title: 'Connect the city’s specialised data with the National Population Database', dueInWorkingDays: 30 },
];
