/** The words of the generated history: units, directives, tasks and notes of a province. */
import type { ObstacleCategory, UnitKind } from '@mandate/domain';

export interface UnitTemplate {
  code: string;
  name: string;
  kind: UnitKind;
  /** Relative share of the tasks it leads. */
  weight: number;
}

/** The secretariat's unit (it leads no task). */
export const OFFICE: UnitTemplate = { code: 'VPTU', name: 'Văn phòng Tỉnh ủy', kind: 'office', weight: 0 };

/** Provincial departments, agencies and organisations, most-tasked first. */
const PROVINCIAL: UnitTemplate[] = [
  { code: 'CA', name: 'Công an tỉnh', kind: 'agency', weight: 6 },
  { code: 'STP', name: 'Sở Tư pháp', kind: 'department', weight: 4 },
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', kind: 'department', weight: 4 },
  { code: 'SYT', name: 'Sở Y tế', kind: 'department', weight: 3 },
  { code: 'STC', name: 'Sở Tài chính', kind: 'department', weight: 3 },
  { code: 'VPUB', name: 'Văn phòng UBND tỉnh', kind: 'office', weight: 3 },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', weight: 3 },
  { code: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội', kind: 'department', weight: 3 },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', kind: 'department', weight: 2.5 },
  { code: 'SNV', name: 'Sở Nội vụ', kind: 'department', weight: 2.5 },
  { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường', kind: 'department', weight: 2.5 },
  { code: 'SXD', name: 'Sở Xây dựng', kind: 'department', weight: 2 },
  { code: 'SGTVT', name: 'Sở Giao thông vận tải', kind: 'department', weight: 2 },
  { code: 'SCT', name: 'Sở Công Thương', kind: 'department', weight: 2 },
  { code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', kind: 'department', weight: 2 },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'department', weight: 1.5 },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department', weight: 1.5 },
  { code: 'BHXH', name: 'Bảo hiểm xã hội tỉnh', kind: 'agency', weight: 2.5 },
  { code: 'CT', name: 'Cục Thuế tỉnh', kind: 'agency', weight: 2 },
  { code: 'KBNN', name: 'Kho bạc Nhà nước tỉnh', kind: 'agency', weight: 1.5 },
  { code: 'NHNN', name: 'Ngân hàng Nhà nước chi nhánh tỉnh', kind: 'branch', weight: 1.5 },
  { code: 'BTG', name: 'Ban Tuyên giáo Tỉnh ủy', kind: 'department', weight: 2 },
  { code: 'MTTQ', name: 'Ủy ban Mặt trận Tổ quốc tỉnh', kind: 'organisation', weight: 2 },
  { code: 'TTR', name: 'Thanh tra tỉnh', kind: 'department', weight: 1.5 },
  { code: 'SNGV', name: 'Sở Ngoại vụ', kind: 'department', weight: 1 },
  { code: 'BDT', name: 'Ban Dân tộc tỉnh', kind: 'department', weight: 1 },
  { code: 'BCHQS', name: 'Bộ Chỉ huy Quân sự tỉnh', kind: 'agency', weight: 1 },
  { code: 'CTK', name: 'Cục Thống kê tỉnh', kind: 'agency', weight: 1 },
  { code: 'DL', name: 'Công ty Điện lực tỉnh', kind: 'branch', weight: 1 },
  { code: 'VNPT', name: 'Viễn thông tỉnh (VNPT)', kind: 'branch', weight: 1.5 },
  { code: 'VTL', name: 'Viettel tỉnh', kind: 'branch', weight: 1.5 },
  { code: 'BD', name: 'Bưu điện tỉnh', kind: 'branch', weight: 1 },
  { code: 'TD', name: 'Tỉnh đoàn', kind: 'organisation', weight: 1 },
  { code: 'HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh', kind: 'organisation', weight: 1 },
  { code: 'HND', name: 'Hội Nông dân tỉnh', kind: 'organisation', weight: 1 },
  { code: 'HCCB', name: 'Hội Cựu chiến binh tỉnh', kind: 'organisation', weight: 0.5 },
  { code: 'LDLD', name: 'Liên đoàn Lao động tỉnh', kind: 'organisation', weight: 0.5 },
  { code: 'BTC', name: 'Ban Tổ chức Tỉnh ủy', kind: 'department', weight: 1 },
  { code: 'BDV', name: 'Ban Dân vận Tỉnh ủy', kind: 'department', weight: 1 },
  { code: 'UBKT', name: 'Ủy ban Kiểm tra Tỉnh ủy', kind: 'department', weight: 0.5 },
];

const DISTRICTS = [
  'thành phố Thủ Dầu Một', 'thành phố Dĩ An', 'thành phố Thuận An', 'thị xã Bến Cát', 'thị xã Tân Uyên', 'huyện Bàu Bàng',
  'huyện Dầu Tiếng', 'huyện Phú Giáo', 'huyện Bắc Tân Uyên', 'huyện Long Thành', 'huyện Nhơn Trạch', 'huyện Xuân Lộc',
  'huyện Định Quán', 'huyện Tân Phú', 'huyện Vĩnh Cửu', 'huyện Trảng Bom', 'huyện Thống Nhất', 'huyện Cẩm Mỹ',
];

const WARD_FIRST = ['An', 'Bình', 'Hòa', 'Phú', 'Tân', 'Thạnh', 'Long', 'Phước', 'Mỹ', 'Vĩnh', 'Đông', 'Tây', 'Hưng', 'Thuận', 'Xuân', 'Trung'];
const WARD_SECOND = ['Lợi', 'Thành', 'Định', 'Hiệp', 'Khánh', 'Điền', 'Sơn', 'Lộc', 'Phong', 'Mỹ', 'Hòa', 'An', 'Tân', 'Bình', 'Phát', 'Thịnh'];

/** The first `n` units that lead tasks: provincial ones, then districts, then communes and wards. */
export function unitTemplates(n: number): UnitTemplate[] {
  const out: UnitTemplate[] = [];
  // Small organisations still get a mix: a few districts come in among the first provincial units.
  const districts = DISTRICTS.map((d, i): UnitTemplate => ({ code: `H${String(i + 1).padStart(2, '0')}`, name: `UBND ${d}`, kind: 'locality', weight: 2 }));
  let p = 0;
  let d = 0;
  while (out.length < n && (p < PROVINCIAL.length || d < districts.length)) {
    if (p < PROVINCIAL.length && (out.length % 4 !== 3 || d >= districts.length)) out.push(PROVINCIAL[p++]);
    else if (d < districts.length) out.push(districts[d++]);
  }
  for (let i = 0; out.length < n; i++) {
    const first = WARD_FIRST[i % WARD_FIRST.length];
    const second = WARD_SECOND[Math.floor(i / WARD_FIRST.length) % WARD_SECOND.length];
    const round = Math.floor(i / (WARD_FIRST.length * WARD_SECOND.length));
    const kind = i % 5 === 0 ? 'phường' : 'xã';
    out.push({ code: `X${String(i + 1).padStart(3, '0')}`, name: `UBND ${kind} ${first} ${second}${round ? ` ${round + 1}` : ''}`, kind: 'locality', weight: 0.6 });
  }
  return out;
}

/** Document types and issuing bodies of directives. */
export const DIRECTIVE_KINDS = [
  { type: 'CT-TU', label: 'Chỉ thị', body: 'Ban Thường vụ Tỉnh ủy', signer: 'Bí thư Tỉnh ủy', weight: 1 },
  { type: 'KL-TU', label: 'Kết luận', body: 'Ban Thường vụ Tỉnh ủy', signer: 'Phó Bí thư Thường trực Tỉnh ủy', weight: 2 },
  { type: 'TB-TU', label: 'Thông báo kết luận', body: 'Thường trực Tỉnh ủy', signer: 'Phó Bí thư Thường trực Tỉnh ủy', weight: 3 },
  { type: 'KH-UBND', label: 'Kế hoạch', body: 'UBND tỉnh', signer: 'Chủ tịch UBND tỉnh', weight: 3 },
  { type: 'CV-VPTU', label: 'Công văn', body: 'Văn phòng Tỉnh ủy', signer: 'Chánh Văn phòng Tỉnh ủy', weight: 4 },
] as const;

export const DIRECTIVE_SUBJECTS = [
  'đẩy mạnh triển khai Đề án 06 trên địa bàn tỉnh',
  'phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử',
  'chuyển đổi số và xây dựng chính quyền số',
  'nâng cao chất lượng cung cấp dịch vụ công trực tuyến',
  'cải cách hành chính và nâng cao chỉ số PAR INDEX',
  'thanh toán không dùng tiền mặt trong khám chữa bệnh và an sinh xã hội',
  'làm sạch dữ liệu hộ tịch, đất đai và bảo hiểm xã hội',
  'phòng, chống tội phạm công nghệ cao và bảo đảm an ninh mạng',
  'triển khai chương trình mục tiêu quốc gia xây dựng nông thôn mới',
  'giải ngân vốn đầu tư công',
  'kết quả kiểm tra, giám sát việc thực hiện nghị quyết của Tỉnh ủy',
  'chuẩn bị và tổ chức đại hội đảng bộ các cấp',
];

export const TASK_TITLES = [
  'Làm sạch, chuẩn hóa dữ liệu dân cư',
  'Thu nhận hồ sơ cấp căn cước và kích hoạt tài khoản định danh điện tử mức 2',
  'Số hóa sổ hộ tịch và loại bỏ dữ liệu hộ tịch điện tử trùng lặp',
  'Triển khai 25 dịch vụ công thiết yếu trên Cổng dịch vụ công',
  'Kết nối cơ sở dữ liệu chuyên ngành với Cơ sở dữ liệu quốc gia về dân cư',
  'Triển khai thanh toán không dùng tiền mặt viện phí tại các bệnh viện công lập',
  'Chi trả an sinh xã hội qua tài khoản ngân hàng',
  'Rà soát phí, lệ phí và đề xuất miễn, giảm cho dịch vụ công trực tuyến',
  'Ban hành định mức đầu tư trang thiết bị phục vụ Đề án 06',
  'Tuyên truyền lợi ích của căn cước gắn chíp và định danh điện tử',
  'Vận động người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến',
  'Báo cáo kết quả thực hiện và khó khăn, vướng mắc hằng tháng',
  'Rà soát, sửa đổi quy trình nội bộ giải quyết thủ tục hành chính',
  'Bảo đảm hạ tầng mạng và an toàn thông tin tại bộ phận một cửa',
  'Tổ chức tập huấn cán bộ bộ phận một cửa cấp xã',
  'Cập nhật dữ liệu đất đai và kết nối với hệ thống một cửa điện tử',
  'Xây dựng kế hoạch và phân công nhiệm vụ cụ thể cho các phòng, ban',
  'Kiểm tra, đôn đốc tiến độ giải ngân vốn đầu tư công',
  'Rà soát hộ nghèo, hộ cận nghèo và cập nhật dữ liệu an sinh',
  'Xử lý kiến nghị của cử tri về thủ tục cấp giấy chứng nhận quyền sử dụng đất',
];

export const PROGRESS_NOTES = [
  'Đã hoàn thành rà soát trên địa bàn các xã, phường',
  'Đang phối hợp với Công an tỉnh đối chiếu dữ liệu',
  'Đã tổ chức hội nghị triển khai tới các đơn vị trực thuộc',
  'Đã số hóa xong phần lớn hồ sơ, đang kiểm tra chất lượng dữ liệu',
  'Đã ban hành kế hoạch, đang triển khai thực hiện',
  'Tiến độ chậm do thiếu nhân lực tại cơ sở',
  'Đã cấp căn cước điện tử mức 2 cho phần lớn dân số trên địa bàn',
];

export const COMPLETION_REPORTS = [
  'Đã hoàn thành nhiệm vụ, gửi kèm báo cáo kết quả và số liệu chi tiết',
  'Hoàn thành theo kế hoạch; dữ liệu đã được đồng bộ lên hệ thống',
  'Đã triển khai xong, đề nghị Văn phòng xem xét kết thúc nhiệm vụ',
];

export const RETURN_COMMENTS = [
  'Báo cáo chưa có số liệu cụ thể, đề nghị bổ sung',
  'Chưa đánh giá khó khăn, vướng mắc và đề xuất giải pháp',
  'Số liệu chưa khớp với báo cáo của Công an tỉnh, đề nghị rà soát lại',
];

export const OBSTACLES: { category: ObstacleCategory; weight: number; text: string }[] = [
  { category: 'funding', weight: 25, text: 'Chưa được bố trí kinh phí thực hiện' },
  { category: 'staffing', weight: 12, text: 'Thiếu cán bộ chuyên trách tại cấp xã' },
  { category: 'equipment', weight: 15, text: 'Chưa có định mức đầu tư trang thiết bị, máy móc' },
  { category: 'guidance', weight: 15, text: 'Chưa có hướng dẫn của bộ, ngành trung ương' },
  { category: 'data_quality', weight: 18, text: 'Dữ liệu hộ tịch trùng lặp, sai lệch với dữ liệu dân cư' },
  { category: 'coordination', weight: 8, text: 'Chưa nhận được dữ liệu từ đơn vị phối hợp' },
  { category: 'citizen_participation', weight: 5, text: 'Người dân chưa quen sử dụng dịch vụ công trực tuyến' },
  { category: 'other', weight: 2, text: 'Vướng mắc khác, đã báo cáo bằng văn bản' },
];

export const EXTENSION_REASONS = [
  'Đang chờ bố trí kinh phí',
  'Khối lượng dữ liệu cần làm sạch lớn hơn dự kiến',
  'Chờ hướng dẫn của bộ, ngành trung ương',
  'Đơn vị phối hợp chưa cung cấp đủ dữ liệu',
];

export const URGES = ['Đề nghị khẩn trương hoàn thành và báo cáo kết quả', 'Nhiệm vụ đã quá hạn, đề nghị báo cáo tiến độ'];
export const INSTRUCTIONS = ['Tập trung chỉ đạo, bảo đảm tiến độ theo kết luận của Thường trực Tỉnh ủy', 'Phối hợp chặt chẽ với Công an tỉnh, báo cáo hằng tuần'];
export const QUESTIONS = ['Đề nghị giải trình nguyên nhân chậm tiến độ', 'Vì sao nhiệm vụ chưa hoàn thành sau nhiều lần đôn đốc?'];
export const ANSWERS = ['Do thiếu kinh phí và nhân lực; đơn vị đã có kế hoạch khắc phục', 'Do chờ dữ liệu từ đơn vị phối hợp; dự kiến hoàn thành trong tháng tới'];
