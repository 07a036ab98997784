//! The "how this is computed" panels, one per module plus the shared machinery (cohort step,
//! life table, age schedules), in both languages. The English text is copied from the doc
//! comments of `src/model/projection.rs`, `life_table.rs`, `schedules.rs` and `cohort.rs`; the
//! Chinese is its translation. Keep them in step when a formula changes. The uncertainty panel
//! follows `src/model/montecarlo.rs` and `decision.rs`; its lists of levers by distribution and
//! its correlation come from the lever table and the model's constant, so they cannot drift.

use super::format;
use super::i18n::{self, Lang};
use super::levers_panel::module_anchor;
use super::methods_text::{correlation_text, distribution_text, levers_by_distribution};
use crate::model::levers::Module;
use crate::model::montecarlo::BaseUncertainty;
use crate::scenario::hindcast;
use yew::prelude::*;

/// One formula block: a sentence or formula in each language.
struct Para {
    zh: &'static str,
    en: &'static str,
}

/// One panel: its anchor, heading and paragraphs.
struct Panel {
    anchor: PanelAnchor,
    heading_zh: &'static str,
    heading_en: &'static str,
    paras: &'static [Para],
}

enum PanelAnchor {
    Module(Module),
    Named(&'static str),
}

const fn p(zh: &'static str, en: &'static str) -> Para {
    Para { zh, en }
}

const PANELS: &[Panel] = &[
    Panel {
        anchor: PanelAnchor::Module(Module::Population),
        heading_zh: "人口",
        heading_en: "Population",
        paras: &[
            p(
                "按单岁年龄和性别逐年做队列要素推算（见下文“队列要素推算一步”）：存活率取自模型生命表，女性、男性出生时预期寿命分别为 e0f、e0m；生育率 F_x = tfr · g_x(mab)（伽马分布年龄模式，见“年龄模式”）；出生性别比 srb / 100；每年净迁入 mig 人，按 Rogers–Castro 年龄模式分布，其中男性占 migm %。基期（2024年末）年龄表是同一模型自七普估计表逐年推算的结果（见“模型检验”）。",
                "The annual cohort-component step by single year of age and sex (see “One cohort-component step”): survival from the model life table at e0f / e0m; fertility F_x = tfr · g_x(mab) (gamma pattern, see “Age schedules”); sex ratio at birth srb / 100; net migrants mig per year spread by the Rogers–Castro profile, migm % men. The base-year (end-2024) table is the same model's projection from the estimated census table (see “Validation”).",
            ),
            p(
                "增速 g_t = P_t / P_{t−1} − 1。目标“常住人口年均增速超全市水平”取2025—2028年复合平均增速 (Π(1 + g_t/100))^(1/n) − 1，与泉州市增速假设 qzg 比较（严格大于）。",
                "Growth g_t = P_t / P_{t−1} − 1. The target “average growth above the city's” takes the compound average over 2025–2028, (Π(1 + g_t/100))^(1/n) − 1, and compares it with the Quanzhou growth assumption qzg (strictly greater).",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Module(Module::Employment),
        heading_zh: "就业",
        heading_en: "Employment",
        paras: &[
            p(
                "劳动力 LF_t = Σ_{a,s} P_{a,s,t} · π_{a,s} · κ，其中 π 为标准劳动参与年龄模式（见“年龄模式”），κ 使基期15—64岁劳动参与率等于 lfp（任一年龄上限0.99）。",
                "Labour force LF_t = Σ_{a,s} P_{a,s,t} · π_{a,s} · κ, with the standard participation schedule π (see “Age schedules”) scaled by κ so that the base-year participation at ages 15–64 equals lfp (capped at 0.99 for any age).",
            ),
            p(
                "供给 E^s_t = LF_t · (1 − ur)；辖区用人单位岗位（需求）E^d_t = E^d_{t−1} · (1 + gdp · el)，E^d_0 = E^s_0；常住人口就业 E_t = min(E^s_t, E^d_t)。劳动参与随2025年起的渐进式延迟退休而变：第 t 年女性自50岁、男性自60岁起的参与率取 π(a − d_t)，d_t 为当年已延迟的年数（男性每年0.2岁，女性每年约0.27岁，即十五年内延迟3岁和4—5岁的平均）。",
                "Supply E^s_t = LF_t · (1 − ur); jobs at the district's employers (demand) E^d_t = E^d_{t−1} · (1 + gdp · el), E^d_0 = E^s_0; residents employed E_t = min(E^s_t, E^d_t). Participation follows the retirement reform from 2025: in year t participation from age 50 (women) and 60 (men) is π(a − d_t), d_t the delay reached that year (0.2 years a year for men, about 0.27 for women: 3 years, and the mean of 5 and 3 years, over 15 years).",
            ),
            p(
                "城镇新增就业（城镇单位新就业人数减自然减员，按岗位登记地统计，故跟随辖区用人单位的岗位，而不是常住人口）J_t = max(0, E^d_t − E^d_{t−1}) + to · E^d_{t−1}；to 按区政府报告的2022年城镇新增就业7500人校准（见“模型检验”）；目标按2025—2028年累计计算。",
                "New urban jobs (城镇新增就业: people newly employed in urban units minus natural attrition, counted where the job is registered, so they follow the jobs at the district's employers, not the resident population) J_t = max(0, E^d_t − E^d_{t−1}) + to · E^d_{t−1}; to is calibrated to the 7,500 new urban jobs the district reported for 2022 (see “Validation”); the target sums 2025–2028.",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Module(Module::Housing),
        heading_zh: "住房",
        heading_en: "Housing",
        paras: &[
            p(
                "户均人口 h_t = hhs + hht · (t − 基期)；家庭户 H_t = P_t / h_t；新增家庭户 ΔH_t；住房需求 max(0, ΔH_t) + ren。",
                "Household size h_t = hhs + hht · (t − base); households H_t = P_t / h_t; new households ΔH_t; housing need max(0, ΔH_t) + ren.",
            ),
            p(
                "符合条件的保障性租赁住房需求（户，每户一套）A_t = (max(0, mig)/h_t + Y_t) · elig · take：新市民家庭（净迁入人数除以户均人口）与当年满22岁的青年（各自成户）。take 使2025年的需求等于区里2022年建成的640套（见“模型检验”）。供给每年 aff 套；覆盖率为累计供给除以累计需求。",
                "Eligible affordable-rental need, in households (one unit each), A_t = (max(0, mig)/h_t + Y_t) · elig · take: new citizens' households (net migrants over the household size) and those who turn 22 in year t (each a household of their own). take makes the need of 2025 equal the 640 units the district completed in 2022 (see “Validation”). Supply aff units a year; coverage is cumulative supply over cumulative need.",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Module(Module::Schools),
        heading_zh: "学位",
        heading_en: "School places",
        paras: &[
            p(
                "在校生：小学6—11岁，初中12—14岁（年末年龄）；随迁子女占各学段 mpup %。",
                "Pupils: primary ages 6–11, junior-middle 12–14 (end-of-year ages); migrant pupils mpup % of each.",
            ),
            p(
                "公办学位容量第一年按公开报道的预计新增学位增加，此后每年增加 plc 个，其中小学占 plp %。本地学生中就读公办的（占 lpub %）先安排；随迁子女公办就读人数 = min(随迁子女, max(0, 学位 − 公办就读本地学生))，报告其占全部随迁子女的比例。",
                "Public capacity grows by the reported expected new places in the first year, then plc a year, plp % primary. Local pupils in public schools (lpub % of them) are placed first; migrant children in public schools min(migrant pupils, max(0, capacity − local pupils in public)); their share of all migrant pupils is reported.",
            ),
            p(
                "学位缺口 max(0, 在校生 − 学位)。所需教师按城市生师比标准：小学19:1、初中13.5:1（国办发〔2001〕74号）。",
                "Shortfall max(0, pupils − capacity). Teachers needed at the national urban staffing ratios: 19 primary and 13.5 junior pupils per teacher (国办发〔2001〕74号).",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Module(Module::Coverage),
        heading_zh: "医保",
        heading_en: "Medical insurance",
        paras: &[
            p(
                "新迁入人口 N_t = max(0, mig)，到达时参保 insn %；已参保者每年断保 lap %；每年动员未参保者的 ins % 参保：c'_t = (c_{t−1} · (P_t − N_t) + insn · N_t) / P_t，c_t = c'_t · (1 − lap) + (1 − c'_t) · ins。",
                "With newcomers N_t = max(0, mig) insured at insn % and a yearly lapse lap % and enrolment drive ins % of the uninsured: c'_t = (c_{t−1} · (P_t − N_t) + insn · N_t) / P_t, c_t = c'_t · (1 − lap) + (1 − c'_t) · ins.",
            ),
            p(
                "长期水平为 ins / (ins + lap)。",
                "The long-run level is ins / (ins + lap).",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Module(Module::Delivery),
        heading_zh: "项目推进",
        heading_en: "Delivery",
        paras: &[p(
            "计划工程按参数设定的进度推进（每年若干，或到期达到的数量），例如5G基站累计 = Σ g5，雨水管网每年 pipe 公里。",
            "Planned works at the pace the levers set (per year, or a count reached): for example 5G sites cumulative = Σ g5, rain pipes pipe km a year.",
        )],
    },
    Panel {
        anchor: PanelAnchor::Named("method-cohort"),
        heading_zh: "队列要素推算一步",
        heading_en: "One cohort-component step",
        paras: &[
            p(
                "约定见 Preston、Heuveline、Guillot（2001）第6章及联合国 ccmppWPP。年龄组宽 w 年（逐年推算 w = 1），推算步长 w 年；组 x 含年龄 [x·w, (x+1)·w)，最后一组为开放组。",
                "Conventions as in Preston, Heuveline & Guillot (2001), ch. 6, and UN ccmppWPP. Age groups have width w years (1 for annual steps) and the step is w years. Group x holds ages [x·w, (x+1)·w); the last group is open.",
            ),
            p(
                "存活：由生命表人年数 nLx（基数 l0）得 S_x = L_{x+1} / L_x，把组 x 移入 x+1；开放组接收 (P_{n−2} + P_{n−1}) · T_{n−1} / (L_{n−2} + T_{n−1})，T_{n−1} 为开放组内生存人年数；出生存活到组0的比例为 L_0 / (w · l0)。",
                "Survival. From life-table person-years nLx (radix l0): S_x = L_{x+1} / L_x moves group x into x+1; the open group receives (P_{n−2} + P_{n−1}) · T_{n−1} / (L_{n−2} + T_{n−1}), where T_{n−1} is the person-years lived in the open group; births survive to group 0 with L_0 / (w · l0).",
            ),
            p(
                "生育：B = w · Σ_x F_x · (W_x(t) + M^f_x/2 + W_x(t+w)) / 2，F_x 为每妇女年出生数（两性合计），W_x 为期初（含期初加入的一半迁入者）和期末妇女数。女婴 B / (1 + SRB)，男婴 B · SRB / (1 + SRB)，SRB 为每名女婴对应的男婴数。",
                "Fertility. B = w · Σ_x F_x · (W_x(t) + M^f_x/2 + W_x(t+w)) / 2, with F_x births (both sexes) per woman-year and W_x women at the start (with the half of the migrants who join then) and at the end of the step. Female births are B / (1 + SRB), male births B · SRB / (1 + SRB), with SRB males per female.",
            ),
            p(
                "迁移（联合国 ccmppWPP 的“even”约定，project_ccmpp_z_by_z）：M_x 为组 x 各性别的净迁入人数；一半在期初加入组 x 并随之存活进入 x+1，一半在期末加入组 x：P_x(t+w) = (P_{x−1}(t) + M_{x−1}/2) · S_{x−1} + M_x/2；开放组 (P_{n−2} + M_{n−2}/2 + P_{n−1} + M_{n−1}/2) · S_{n−2} + M_{n−1}/2；组0为存活的出生加 M_0/2。",
                "Migration (UN ccmppWPP's “even” convention, project_ccmpp_z_by_z). M_x net migrants of each sex in group x: half join group x at the start and are survived with it into x+1, half join group x at the end: P_x(t+w) = (P_{x−1}(t) + M_{x−1}/2) · S_{x−1} + M_x/2; the open group (P_{n−2} + M_{n−2}/2 + P_{n−1} + M_{n−1}/2) · S_{n−2} + M_{n−1}/2; group 0 the surviving births plus M_0/2.",
            ),
            p(
                "核算：死亡为存活率从所有暴露人口中移除的人数，因此每一步都满足 P(t+w) = P(t) + B − D + M（测试中检验）。",
                "Accounting. Deaths are what survival removes from everyone exposed, so P(t+w) = P(t) + B − D + M holds for every step (checked in the tests).",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Named("method-life-table"),
        heading_zh: "模型生命表",
        heading_en: "The model life table",
        paras: &[
            p(
                "Siler 死亡力（婴儿项、常数项与 Gompertz 项），其成年部分乘以各性别的水平系数 k：μ(x) = A·e^(−B·x) + k·(C + D·e^(G·x))，A = 0.03，B = 8，C = 0.0002，D = 5·10⁻⁶，G = 0.115。只缩放成年部分，使两性的预期寿命差出现在成年年龄（各国生命表皆如此），婴儿死亡率两性相近。",
                "A Siler force of mortality (infant, constant and Gompertz terms) whose adult part is scaled by a level k per sex: μ(x) = A·e^(−B·x) + k·(C + D·e^(G·x)), with A = 0.03, B = 8, C = 0.0002, D = 5·10⁻⁶, G = 0.115. Scaling only the adult part puts the sexes' difference in life expectancy at adult ages, as in every national life table, and leaves infant mortality nearly the same for both.",
            ),
            p(
                "故 l(x) = exp(−H_i(x) − k·H_a(x))，累积风险有闭式解 H_i(x) = A/B·(1 − e^(−B·x))、H_a(x) = C·x + D/G·(e^(G·x) − 1)。[x, x+1) 内的人年数用辛普森公式对 l 积分；开放组积分到130岁（在所有允许水平下 l < 10⁻¹⁷）。用带保护的牛顿迭代求 k，使 e0 = Σ L_x 等于目标值（e0f 或 e0m）。",
                "So l(x) = exp(−H_i(x) − k·H_a(x)) with the closed-form cumulative hazards H_i(x) = A/B·(1 − e^(−B·x)) and H_a(x) = C·x + D/G·(e^(G·x) − 1). Person-years in [x, x+1) use Simpson's rule on l; the open group integrates to age 130 (where l < 10⁻¹⁷ at every admissible level). k is found by safeguarded Newton iteration so that e0 = Σ L_x equals the target (e0f or e0m).",
            ),
            p(
                "k = 1 时 e0 ≈ 81.3，婴儿死亡率 q0 ≈ 3.9‰；Gompertz 斜率0.115是低死亡率人口的典型值（如80岁死亡率约为60岁的十倍）。按比例放大 Gompertz 风险相当于把成年死亡率沿年龄轴平移 ln k / G 年。",
                "At k = 1, e0 ≈ 81.3, infant mortality q0 ≈ 3.9 ‰ and the Gompertz slope 0.115 is typical of low-mortality populations (e.g. mortality at 80 about ten times that at 60). Proportional scaling of a Gompertz hazard is equivalent to shifting adult mortality along the age axis by ln k / G years.",
            ),
            p(
                "估算：形状参数由我们选定，以得到中国城镇水平（q0 为千分之几，e0 接近福建2024年的79.3岁）；鲤城区未公布生命表。同一生命表用于推导基期年龄表（七普估计表的老年结构与自七普的逐年推算）和预测。",
                "Estimate: the shape parameters are ours, chosen to give Chinese urban levels (q0 of a few per thousand, e0 near Fujian's 79.3 in 2024); no Licheng life table is published. The same table derives the base-year table (the census table's old ages and the projection from the census) and projects it.",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Named("method-schedules"),
        heading_zh: "年龄模式",
        heading_en: "Age schedules",
        paras: &[
            p(
                "生育年龄模式（15—49岁，合计为1，F_x = TFR · pattern_x）：对 年龄 − 14.5 取伽马密度，均值为平均生育年龄 m（mab），标准差5.5岁，在年中 x + 0.5 取值并在15—49岁归一化：f(x) ∝ (x + 0.5 − 14.5)^(α−1) · e^(−(x + 0.5 − 14.5)/β)，α = ((m − 14.5)/5.5)²，β = 5.5² / (m − 14.5)。",
                "Fertility age pattern for ages 15–49, summing to 1, so that F_x = TFR · pattern_x: a gamma density over age − 14.5 with mean m (mab, mean age of childbearing) and standard deviation 5.5 years, evaluated at mid-year x + 0.5 and normalised over 15–49: f(x) ∝ (x + 0.5 − 14.5)^(α−1) · e^(−(x + 0.5 − 14.5)/β), α = ((m − 14.5)/5.5)², β = 5.5² / (m − 14.5).",
            ),
            p(
                "净迁入年龄分布（逐岁，合计为1）：Rogers–Castro 模型表的“基本”参数（Rogers & Castro 1981）——少儿项 0.02·e^(−0.10·x)、劳动年龄峰 0.06·e^(−0.10·(x−20) − e^(−0.40·(x−20)))，另加仅限15—64岁的常数0.001。模型表的常数0.003适用于迁移率而非净迁入人数的分布：用于0—100岁会使6%的净迁入者在80岁以上；此处80岁以上不足1%。儿童随父母迁移，高峰在二十岁出头。估算：鲤城区迁移人口的年龄分布未公布。",
                "Net-migrant age profile (single years, summing to 1): the Rogers–Castro model schedule with its “fundamental” parameters (Rogers & Castro 1981), a childhood component 0.02·e^(−0.10·x) and a labour-force peak 0.06·e^(−0.10·(x−20) − e^(−0.40·(x−20))), plus a constant 0.001 at ages 15–64 only. The model schedule's constant of 0.003 is for rates, not for shares of a net total: over ages 0–100 it put 6 % of net migrants at 80 and over; here under 1 % are. Children move with their parents; the peak sits in the early twenties. Estimate: no age distribution of Licheng's migrants is published.",
            ),
            p(
                "劳动参与（缩放前）按5岁组阶梯，15—19岁至65岁以上（估算，参照中国2020年普查经济活动模式：20岁以下在校多而低，男性25—54岁接近全部参与，女性较低，并在法定退休年龄女50/55岁、男60岁后下降）：女 [0.06, 0.55, 0.84, 0.85, 0.85, 0.84, 0.80, 0.62, 0.40, 0.22, 0.04]，男 [0.08, 0.60, 0.93, 0.96, 0.96, 0.96, 0.94, 0.90, 0.80, 0.45, 0.08]。",
                "Labour-force participation before scaling: a step schedule by 5-year group, ages 15–19 … 65+ (estimate shaped on China's 2020 census economic-activity pattern: low under 20 while in school, near-full for men 25–54, lower for women and falling after the statutory retirement ages 50/55 for women and 60 for men): women [0.06, 0.55, 0.84, 0.85, 0.85, 0.84, 0.80, 0.62, 0.40, 0.22, 0.04], men [0.08, 0.60, 0.93, 0.96, 0.96, 0.96, 0.94, 0.90, 0.80, 0.45, 0.08].",
            ),
        ],
    },
    Panel {
        anchor: PanelAnchor::Named("method-targets"),
        heading_zh: "目标如何判定",
        heading_en: "How targets are judged",
        paras: &[
            p(
                "累计（Cumulative）：目标年份逐年值之和。每年（EachYear）：每一年都须达到，显示最差的一年。期末（Final）：目标最后一年的值。平均（Average）：逐年增速的复合平均 (Π(1 + g_t/100))^(1/n) − 1。",
                "Cumulative: the sum of the yearly values over the target's years. EachYear: the target must hold in every year; the value shown is the worst year. Final: the value in the target's last year. Average: the compound average of yearly growth rates, (Π(1 + g_t/100))^(1/n) − 1.",
            ),
            p(
                "差距为带符号的余量：达成时为正（超出多少），未达成时为负（差多少）。",
                "The gap is the signed margin: positive when met by that much, negative when short by that much.",
            ),
        ],
    },
];

/// The uncertainty panel's paragraphs before the lists of levers by distribution.
const UNCERTAINTY_INTRO: &[Para] = &[p(
    "各参数的低值、高值视为其第10、90百分位（围绕当前设定值）；“幅度”乘以二者与设定值的距离（0 = 不考虑不确定性，1 = 按文档，2 = 加倍）。每次抽样都限制在参数的有效范围内。",
    "Each lever's low and high values are read as its 10th and 90th percentiles around its current setting; the spread multiplies their distance from it (0 = no uncertainty, 1 = as documented, 2 = twice as wide). Every draw is clamped to the lever's valid range.",
)];

/// The uncertainty panel's paragraphs after the lists (the decision panel explains the tornado
/// and goal-seek where they are shown).
const UNCERTAINTY_OUTRO: &[Para] = &[
    p(
        "第 i 次抽样使用以情景种子初始化、流号为 i 的 ChaCha8 随机数：同一种子在本页与命令行（licheng mc）给出相同结果，与分几个线程计算无关。图中区间为各年数值在全部抽样中的第2.5—97.5与第10—90百分位（第8类估计量）；目标的达成概率为达成该目标的抽样所占比例。",
        "Draw i uses ChaCha8 seeded with the scenario seed on stream i: one seed gives the same numbers on this page and in the CLI (licheng mc), however many threads share the work. The bands are the 2.5th–97.5th and 10th–90th percentiles of each year's values over the draws (type 8 estimator); a target's probability is the share of draws that meet it.",
    ),
    p(
        "达成概率的含义：在上列参数分布之下，能达到该目标的参数组合所占的比例。它说明结论对各项假设有多敏感，不是对实际结果的预报（假设本身可能有偏）。状态据此分三档：≥80%“很可能达成”（绿），20%—80%“有风险”（黄），<20%“难以达成”（红）。未找到完成记录的项目推进类目标（5G基站、雨水管网、数字化标杆、标杆项目、新增投产企业、入园率、重点产业链）不给出概率，状态为“? 无完成记录”：其推进速度只能按工作要点本身的进度假定，按此抽样的达成概率约为一半（固定参数则为 0 或 100%），由假定决定而非证据。录入某年实际完成数后，概率以实际数为条件给出（‡）；其余年份仍按参数当前值推进。",
        "What a probability is: the share of plausible parameter sets, under the distributions listed above, that meet the target. It says how much the verdict depends on the assumptions, not the odds of what will happen (the assumptions themselves may be off). The status follows it in three levels: ≥ 80 % likely met (green), 20–80 % at risk (yellow), < 20 % unlikely (red). Delivery targets with no delivery record found (5G stations, rain pipes, digital benchmarks, benchmark projects, new enterprises in production, park entry, key chains) get no probability and the status \"? No record\": their pace can only be assumed from the plan itself, and drawn around it the probability is about one half (0 or 100 % for a fixed lever), decided by the assumption, not by evidence. Once a year's delivered figure is entered, the probability is given, conditional on it (‡); the remaining years still follow the lever's current value.",
    ),
];


/// What else is drawn (the built-in baseline's estimates) and what is held fixed, from the
/// model's constants.
pub fn base_draws_text(lang: Lang) -> String {
    let b = BaseUncertainty::ESTIMATES;
    let (pop, cap, ins) = (
        b.population_rel * 100.0,
        b.capacity_rel * 100.0,
        b.insurance_pp,
    );
    match lang {
        Lang::Zh => format!(
            "基期估计值也参与抽样（正态，第10—90百分位为下列范围，随“幅度”缩放）：2024年常住人口总数±{pop}%、2024年公办学位±{cap}%（小学、初中同向）、2024年医保参保率±{ins}个百分点。分析人员导入的人口表或修改的单项数据不抽样，其余内置估计值照常抽样。固定不变：公开数据（普查数、2021年出生率和死亡率、2025年预计新增学位等）、工作要点的目标值、年龄模式的形状和模型结构。"
        ),
        Lang::En => format!(
            "The base-year estimates are drawn too (normal, with these as their 10th–90th percentile ranges, scaled by the spread): the 2024 population ±{pop} %, the public school places of 2024 ±{cap} % (primary and junior together), insurance participation in 2024 ±{ins} percentage points. A population table the analyst imports, or a figure they edit, is held fixed; the other built-in estimates are still drawn. Held fixed: published figures (the censuses, the 2021 birth and death rates, the places expected in 2025 …), the plan's targets, the shapes of the age patterns and the model's structure."
        ),
    }
}

/// How the Monte Carlo draws and sums up, with each lever's distribution.
fn uncertainty_panel(lang: Lang) -> Html {
    let paras = |paras: &'static [Para]| {
        paras
            .iter()
            .map(|para| html! { <p class="formula">{ lang.pick(para.zh, para.en) }</p> })
            .collect::<Html>()
    };
    let lists = levers_by_distribution().into_iter().map(|(spread, levers)| {
        let names = levers
            .iter()
            .map(|id| {
                let spec = id.spec();
                format!("{} ({})", lang.pick(spec.label_zh, spec.label_en), spec.key)
            })
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "));
        html! {
            <li data-distribution={format!("{spread:?}")}>
                <strong>{ distribution_text(spread, lang) }</strong>{ lang.pick("：", ": ") }{ names }
            </li>
        }
    });
    html! {
        <details class="method" id="method-uncertainty" open=true>
            <summary><h3>{ lang.pick("不确定性与概率", "Uncertainty and probabilities") }</h3></summary>
            { paras(UNCERTAINTY_INTRO) }
            <ul class="formula">{ for lists }</ul>
            <p class="formula" id="method-correlation">{ correlation_text(lang) }</p>
            <p class="formula" id="method-base-draws">{ base_draws_text(lang) }</p>
            { paras(UNCERTAINTY_OUTRO) }
        </details>
    }
}

/// The hindcast (`scenario::hindcast`) as a table: what, observed, model, error, tolerance,
/// within or not, and what was calibrated to each observation; then how the estimates it rests
/// on were made.
fn validation_panel(lang: Lang) -> Html {
    let result = &hindcast::COMMITTED;
    let rows = result.rows.iter().map(|r| {
        let unit = lang.pick(&r.unit_zh, &r.unit_en);
        let shown = |v: f64| {
            if unit == "‰" {
                format!("{v:.2}‰")
            } else {
                format::exact_with_unit(v, unit, lang)
            }
        };
        let error = if unit == "‰" {
            format!("{:+.2}‰", r.error)
        } else {
            format::signed_difference(r.error, unit, lang)
        };
        let verdict = match (r.within, lang) {
            (true, Lang::Zh) => "✓ 在容差内",
            (false, Lang::Zh) => "✗ 超出容差",
            (true, Lang::En) => "✓ within",
            (false, Lang::En) => "✗ outside",
        };
        let calibrated = match (r.calibrated_to_this, lang) {
            (true, Lang::Zh) => "已按此校准（不构成检验）：",
            (true, Lang::En) => "Calibrated to this (not a test): ",
            (false, Lang::Zh) => "独立检验：",
            (false, Lang::En) => "An independent check: ",
        };
        html! {
            <tr id={format!("validation-{}", r.id)} data-within={r.within.to_string()}
                data-calibrated={r.calibrated_to_this.to_string()}>
                <th scope="row">{ lang.pick(&r.label_zh, &r.label_en) }</th>
                <td data-value={r.observed.to_string()}>{ shown(r.observed) }</td>
                <td data-value={r.model.to_string()}>{ shown(r.model) }</td>
                <td data-value={r.error.to_string()}>{ error }</td>
                <td data-value={r.tolerance.to_string()}>{ format!("±{}", shown(r.tolerance)) }</td>
                <td>{ verdict }</td>
                <td><strong>{ calibrated }</strong>{ lang.pick(&r.calibrated_zh, &r.calibrated_en) }
                    <br/><small>{ r.source.to_string() }</small></td>
            </tr>
        }
    });
    let tfrs = result
        .years
        .iter()
        .map(|y| format!("{} {:.2}", y.year, y.tfr))
        .collect::<Vec<_>>()
        .join(lang.pick("，", ", "));
    html! {
        <details class="method" id="method-validation" open=true>
            <summary><h3>{ lang.pick("模型检验", "Validation") }</h3></summary>
            <p class="formula">{ lang.pick(
                "模型以默认参数自第七次人口普查（2020年11月1日，396112人；分年龄、性别表为估计）逐年推算，各年总和生育率按当年出生率校准，再与公布数对照。容差：总数±0.25万人，比率±0.7‰。按某一观测值校准的行只说明校准成功，不能检验模型；独立检验的行才说明模型与证据相符。",
                "The model, at its defaults, projected year by year from the 7th census (1 November 2020, 396,112; the age and sex table is estimated), each year's TFR calibrated to that year's birth rate, against what was published. Tolerances: totals ±2,500, rates ±0.7‰. A row calibrated to its own observation shows only that the calibration worked and tests nothing; the independent checks are the ones that show the model agrees with evidence.",
            ) }</p>
            <div class="table-wrap" tabindex="0" role="region"
                aria-label={lang.pick("模型检验表", "Validation table")}>
                <table id="validation-table" class="validation">
                    <thead><tr>
                        <th scope="col">{ lang.pick("项目", "What") }</th>
                        <th scope="col">{ lang.pick("公布值", "Observed") }</th>
                        <th scope="col">{ lang.pick("模型", "Model") }</th>
                        <th scope="col">{ lang.pick("误差", "Error") }</th>
                        <th scope="col">{ lang.pick("容差", "Tolerance") }</th>
                        <th scope="col">{ lang.pick("结果", "Within") }</th>
                        <th scope="col">{ lang.pick("校准情况与来源", "Calibration and source") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p class="formula" id="validation-tfr">{ lang.pick("各年校准所得总和生育率：", "TFR solved for each year: ") }{ tfrs }</p>
            <p class="formula" id="validation-migration">{ lang.pick("净迁入估计：", "Net migration estimate: ") }{ lang.pick(&result.migration_method_zh, &result.migration_method_en) }</p>
            <p class="formula" id="validation-quanzhou">{ lang.pick("泉州市增速：", "Quanzhou's growth: ") }{ lang.pick(&result.quanzhou_method_zh, &result.quanzhou_method_en) }</p>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct MethodsPanelProps {
    pub lang: Lang,
}

#[function_component(MethodsPanel)]
pub fn methods_panel(props: &MethodsPanelProps) -> Html {
    let lang = props.lang;
    let panels = PANELS.iter().map(|panel| {
        let anchor = match panel.anchor {
            PanelAnchor::Module(m) => module_anchor(m),
            PanelAnchor::Named(name) => name.to_string(),
        };
        html! {
            <details class="method" id={anchor} open=true>
                <summary><h3>{ lang.pick(panel.heading_zh, panel.heading_en) }</h3></summary>
                { for panel.paras.iter().map(|para| html! {
                    <p class="formula">{ lang.pick(para.zh, para.en) }</p>
                }) }
            </details>
        }
    });
    html! {
        <section class="methods" aria-labelledby="methods-heading">
            <h2 id="methods-heading">{ i18n::METHODS_HEADING.get(lang) }</h2>
            <p class="hint">{ i18n::METHODS_INTRO.get(lang) }</p>
            { for panels }
            { uncertainty_panel(lang) }
            { validation_panel(lang) }
        </section>
    }
}
