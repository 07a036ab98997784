//! Every assumption an analyst can move: id, stable short key, unit, default, valid range,
//! plausible low/high (read as 10th/90th percentiles), provenance and labels in both languages.
//!
//! The table [`LEVERS`] is the single source of truth: the UI's controls, the link keys, the CLI's
//! `--set key=value`, the Monte Carlo and the tornado all read it. Keys are part of the link format
//! and must never change meaning (docs/links.md, "Versioning rules").

use super::error::{check_range, ModelError};

/// Which module a lever belongs to (groups the controls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Module {
    Population,
    Employment,
    Housing,
    Schools,
    Coverage,
    Delivery,
}

impl Module {
    /// All modules in display order.
    pub const ALL: [Module; 6] = [
        Module::Population,
        Module::Employment,
        Module::Housing,
        Module::Schools,
        Module::Coverage,
        Module::Delivery,
    ];

    /// Label in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            Module::Population => "人口",
            Module::Employment => "就业",
            Module::Housing => "住房",
            Module::Schools => "学位",
            Module::Coverage => "医保",
            Module::Delivery => "项目推进",
        }
    }

    /// Label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Module::Population => "Population",
            Module::Employment => "Employment",
            Module::Housing => "Housing",
            Module::Schools => "School places",
            Module::Coverage => "Medical insurance",
            Module::Delivery => "Delivery",
        }
    }
}

/// Where a lever's default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// A published figure (the text names the source).
    Published,
    /// The work plan's own figure: the default assumes delivery as planned.
    Plan,
    /// Our estimate (the text says how it was made).
    Estimate,
}

/// How uncertain draws of this lever are distributed (see `montecarlo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// Normal through low/central/high (symmetric quantities).
    Normal,
    /// Log-normal through central/high (positive, right-skewed quantities).
    LogNormal,
    /// Beta for shares in percent, matched to central and spread.
    BetaPercent,
    /// Triangular over low/central/high (delivery of planned works).
    Triangular,
    /// Not uncertain: drawn at its set value.
    Fixed,
}

/// The description of one lever.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeverSpec {
    pub id: LeverId,
    /// Stable short key used in links, the CLI and files. Never reuse or change.
    pub key: &'static str,
    pub module: Module,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    /// Slider step.
    pub step: f64,
    /// 10th percentile of the plausible range.
    pub low: f64,
    /// 90th percentile of the plausible range.
    pub high: f64,
    pub spread: Spread,
    pub provenance: Provenance,
    /// Source, or how the estimate was made, in Chinese.
    pub note_zh: &'static str,
    /// Source, or how the estimate was made, in English.
    pub note_en: &'static str,
}

macro_rules! lever_ids {
    ($($name:ident),* $(,)?) => {
        /// Identifies a lever; `as usize` indexes [`LEVERS`] and [`Levers`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum LeverId { $($name),* }
        impl LeverId {
            /// Every lever, in table order.
            pub const ALL: &'static [LeverId] = &[$(LeverId::$name),*];
        }
    };
}

lever_ids!(
    Tfr,
    MeanAgeBirth,
    E0Female,
    E0Male,
    SexRatioBirth,
    NetMigration,
    MigrantMaleShare,
    QuanzhouGrowth,
    Participation,
    Unemployment,
    GdpGrowth,
    Elasticity,
    Turnover,
    HouseholdSize,
    HouseholdTrend,
    Renewal,
    Eligible,
    TakeUp,
    AffordableSupply,
    MigrantPupilShare,
    LocalPublicShare,
    SchoolPlaces,
    PrimaryShareOfPlaces,
    InsuranceEffort,
    InsuranceLapse,
    InsuranceNewcomers,
    G5PerYear,
    PipesPerYear,
    DigitalEnterprises,
    BenchmarkPerYear,
    NewEnterprises2025,
    NewSishang2025,
    ParkEntryIncrease,
    IndustrialChains,
);

/// Number of levers.
pub const LEVER_COUNT: usize = LeverId::ALL.len();

impl LeverId {
    /// The lever's description.
    pub fn spec(self) -> &'static LeverSpec {
        &LEVERS[self as usize]
    }

    /// Looks a lever up by its stable key.
    pub fn from_key(key: &str) -> Option<LeverId> {
        LEVERS.iter().find(|l| l.key == key).map(|l| l.id)
    }
}

use LeverId as L;
use Module as M;
use Provenance as P;
use Spread as S;

/// The lever table, in [`LeverId`] order (checked by a test).
pub const LEVERS: [LeverSpec; LEVER_COUNT] = [
    LeverSpec { id: L::Tfr, key: "tfr", module: M::Population, label_zh: "总和生育率", label_en: "Total fertility rate", unit_zh: "孩/妇女", unit_en: "children per woman", default: 0.77, min: 0.5, max: 2.5, step: 0.01, low: 0.65, high: 0.92, spread: S::LogNormal, provenance: P::Estimate,
        note_zh: "估算（校准）：模型自七普逐年推算时，各年总和生育率按当年出生率校准（2021年公布7.5‰→0.90；2024年估计5.99‰→0.77，见“模型检验”），2025年起延续2024年的水平。参照：泉州市2020年1.419、全国2020年1.3；中心城区通常更低。",
        note_en: "Estimate (calibrated): in the model's projection from the 2020 census each year's TFR is solved for that year's birth rate (7.5‰ published for 2021 → 0.90; 5.99‰ estimated for 2024 → 0.77, see “Validation”); 2025 on continues 2024's. For reference: Quanzhou 2020 1.419, China 2020 1.3; city cores are usually lower." },
    LeverSpec { id: L::MeanAgeBirth, key: "mab", module: M::Population, label_zh: "平均生育年龄", label_en: "Mean age at childbearing", unit_zh: "岁", unit_en: "years", default: 30.0, min: 25.0, max: 35.0, step: 0.1, low: 29.3, high: 30.7, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：泉州2020年一孩平均生育年龄27.25岁（泉州晚报），加上二孩、三孩约2.75岁。",
        note_en: "Estimate: Quanzhou's mean age at first birth 27.25 in 2020 (泉州晚报) plus about 2.75 years for second and third births." },
    LeverSpec { id: L::E0Female, key: "e0f", module: M::Population, label_zh: "女性预期寿命", label_en: "Female life expectancy", unit_zh: "岁", unit_en: "years", default: 82.0, min: 65.0, max: 92.0, step: 0.1, low: 81.0, high: 83.0, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：福建2024年人均预期寿命79.3岁（海峡导报），按全国男女差约5.5岁拆分。",
        note_en: "Estimate: Fujian's 2024 life expectancy 79.3 (海峡导报), split by the national sex gap of about 5.5 years." },
    LeverSpec { id: L::E0Male, key: "e0m", module: M::Population, label_zh: "男性预期寿命", label_en: "Male life expectancy", unit_zh: "岁", unit_en: "years", default: 76.5, min: 60.0, max: 90.0, step: 0.1, low: 75.5, high: 77.5, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：福建2024年人均预期寿命79.3岁，按全国男女差约5.5岁拆分。",
        note_en: "Estimate: Fujian's 2024 life expectancy 79.3, split by the national sex gap of about 5.5 years." },
    LeverSpec { id: L::SexRatioBirth, key: "srb", module: M::Population, label_zh: "出生性别比", label_en: "Sex ratio at birth", unit_zh: "男/百女", unit_en: "boys per 100 girls", default: 111.3, min: 95.0, max: 125.0, step: 0.1, low: 107.0, high: 114.0, spread: S::Normal, provenance: P::Published,
        note_zh: "全国2020年出生人口性别比111.3（第七次人口普查，新华网2021-05-11）。",
        note_en: "China's 2020 sex ratio at birth, 111.3 (7th census, xinhuanet.com 2021-05-11)." },
    LeverSpec { id: L::NetMigration, key: "mig", module: M::Population, label_zh: "年净迁入人口", label_en: "Net migration per year", unit_zh: "人/年", unit_en: "persons/year", default: 450.0, min: -10000.0, max: 15000.0, step: 50.0, low: -200.0, high: 1100.0, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：2010—2020年普查间增长28053人，扣除自然增长约13700人后净迁入约1430人/年；泉州全市年均增速由0.78%降至约0.24%，按同比例降至约450人/年。模型检验：自2020年普查按此推算，2021年末为39.73万（公布39.7万）。范围覆盖普查至2021年末变化所示的0—830人/年。",
        note_en: "Estimate: the censuses give growth of 28,053 over 2010–2020, about 1,430 a year of net migration after natural increase of about 13,700; Quanzhou's growth slowed from 0.78 % to about 0.24 % a year, which scales it to about 450. Hindcast: from the 2020 census at this rate, end-2021 comes to 397,300 (published 39.7万). The range covers the 0–830 a year implied by the change from the census to end-2021." },
    LeverSpec { id: L::MigrantMaleShare, key: "migm", module: M::Population, label_zh: "净迁入中男性占比", label_en: "Male share of net migrants", unit_zh: "%", unit_en: "%", default: 53.0, min: 20.0, max: 80.0, step: 0.5, low: 50.0, high: 56.0, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：泉州2020年普查男性占52.2%，迁移人口男性略多。",
        note_en: "Estimate: men are 52.2 % of Quanzhou's 2020 census population; migrants slightly more male." },
    LeverSpec { id: L::QuanzhouGrowth, key: "qzg", module: M::Population, label_zh: "泉州市常住人口年均增速", label_en: "Quanzhou population growth", unit_zh: "%/年", unit_en: "%/year", default: 0.16, min: -2.0, max: 3.0, step: 0.01, low: 0.0, high: 0.32, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：由泉州自身的出生、死亡和迁移推算（见“模型检验”）：2021年出生率8.7‰、死亡率6.9‰，2024年出生率按福建6.95‰；2021→2024年年均增长约2.4‰中约1.8‰为净迁入，延续至2028年；死亡率随老龄化每年升0.1‰：2025—2028年年均约0.16%。蒙特卡洛中与鲤城区净迁入相关（ρ = 0.5）。",
        note_en: "Estimate: from Quanzhou's own births, deaths and migration (see “Validation”): birth rate 8.7‰ and death rate 6.9‰ in 2021, the birth rate at Fujian's 6.95‰ by 2024; of about 2.4‰ a year of growth 2021→2024 about 1.8‰ was net migration, which continues to 2028, with the death rate rising 0.1‰ a year: about 0.16 % a year over 2025–2028. Correlated with Licheng's net migration in the Monte Carlo (ρ = 0.5)." },
    LeverSpec { id: L::Participation, key: "lfp", module: M::Employment, label_zh: "劳动参与率（15—64岁）", label_en: "Labour-force participation (15–64)", unit_zh: "%", unit_en: "%", default: 72.0, min: 40.0, max: 90.0, step: 0.5, low: 69.0, high: 75.0, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：未见鲤城区或泉州劳动参与率；取全国城镇15—64岁约72%的量级（未引用具体来源），按标准年龄模式分摊。",
        note_en: "Estimate: no Licheng or Quanzhou participation rate is published; the order of magnitude for urban China aged 15–64, about 72 % (no specific source cited), spread by a standard age pattern." },
    LeverSpec { id: L::Unemployment, key: "ur", module: M::Employment, label_zh: "失业率", label_en: "Unemployment rate", unit_zh: "%", unit_en: "%", default: 3.0, min: 0.5, max: 15.0, step: 0.1, low: 2.2, high: 4.2, spread: S::LogNormal, provenance: P::Estimate,
        note_zh: "估算：泉州2019年城镇登记失业率1.05%（统计公报），登记口径偏低；取3.0%介于登记率与全国调查失业率之间。",
        note_en: "Estimate: Quanzhou's registered urban unemployment was 1.05 % in 2019 (bulletin), a narrow measure; 3.0 % lies between it and the national surveyed rate." },
    LeverSpec { id: L::GdpGrowth, key: "gdp", module: M::Employment, label_zh: "地区生产总值增速", label_en: "GDP growth", unit_zh: "%/年", unit_en: "%/year", default: 5.5, min: -5.0, max: 15.0, step: 0.1, low: 4.0, high: 7.0, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：鲤城区2022年增长4.5%、2023年增长7.5%（区政府工作报告，预计数），取5.5%。",
        note_en: "Estimate: Licheng grew 4.5 % in 2022 and 7.5 % in 2023 (district work reports, preliminary); 5.5 % taken." },
    LeverSpec { id: L::Elasticity, key: "el", module: M::Employment, label_zh: "就业弹性", label_en: "Employment elasticity of GDP", unit_zh: "", unit_en: "", default: 0.15, min: 0.0, max: 1.0, step: 0.01, low: 0.06, high: 0.28, spread: S::LogNormal, provenance: P::Estimate,
        note_zh: "估算：无鲤城区数据；国内研究中城镇就业对GDP的弹性多在0.1—0.3之间（未逐一引用），取0.15。",
        note_en: "Estimate: no Licheng figure; studies of urban China put the employment elasticity of GDP mostly between 0.1 and 0.3 (not cited one by one); 0.15 taken." },
    LeverSpec { id: L::Turnover, key: "to", module: M::Employment, label_zh: "岗位更替率", label_en: "Job replacement rate", unit_zh: "%/年", unit_en: "%/year", default: 2.8, min: 0.0, max: 10.0, step: 0.1, low: 1.8, high: 3.8, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算（校准）：“城镇新增就业”为城镇单位新就业人数减自然减员、按岗位登记地统计，模型读作辖区用人单位岗位的净增加加上对离岗者的补充。区政府工作报告（转载，年份据上下文推断为2022年）称“城镇新增就业7500人”；按当年GDP增长4.5%和就业弹性计算，2.8%使模型的2022年结果为7500人（见“模型检验”）。只有这一年的记录，范围取1.8%—3.8%。",
        note_en: "Estimate (calibrated): 'new urban jobs' are people newly employed in urban units minus natural attrition, counted where the job is registered; the model reads them as the growth of jobs at the district's employers plus the leavers they replace. A district work report (reprint; the year, 2022, inferred from its context) says \"城镇新增就业7500人\"; with that year's GDP growth of 4.5 % and the elasticity, 2.8 % gives the model 7,500 for 2022 (see “Validation”). One year of record only, so the range is 1.8–3.8 %." },
    LeverSpec { id: L::HouseholdSize, key: "hhs", module: M::Housing, label_zh: "户均人口（基期）", label_en: "Household size (base year)", unit_zh: "人/户", unit_en: "persons", default: 2.57, min: 1.5, max: 4.0, step: 0.01, low: 2.47, high: 2.67, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：福建2010年2.98、2020年2.68人/户（普查），按几何趋势外推至2024年约2.57（见“数据来源”）。",
        note_en: "Estimate: Fujian households averaged 2.98 (2010) and 2.68 (2020) persons (censuses); the geometric trend gives about 2.57 in 2024 (see “Sources”)." },
    LeverSpec { id: L::HouseholdTrend, key: "hht", module: M::Housing, label_zh: "户均人口年变化", label_en: "Change in household size", unit_zh: "人/年", unit_en: "persons/year", default: -0.03, min: -0.15, max: 0.1, step: 0.005, low: -0.045, high: -0.015, spread: S::Normal, provenance: P::Estimate,
        note_zh: "估算：福建2010—2020年户均人口年降0.03人。",
        note_en: "Estimate: Fujian's household size fell 0.03 a year over 2010–2020." },
    LeverSpec { id: L::Renewal, key: "ren", module: M::Housing, label_zh: "城市更新拆迁户数", label_en: "Households displaced by urban renewal", unit_zh: "户/年", unit_en: "households/year", default: 400.0, min: 0.0, max: 5000.0, step: 10.0, low: 200.0, high: 700.0, spread: S::LogNormal, provenance: P::Estimate,
        note_zh: "估算：2025年启动7个城市更新项目（转载报道：“启动7个城市更新项目，同步推进城中村和城市老旧片区改造”）；每个项目约60户为假设（无公开数据），约400户/年。",
        note_en: "Estimate: 7 urban-renewal projects start in 2025 (reprinted report: \"启动7个城市更新项目…\"); about 60 households each is an assumption (no published figure), about 400 a year." },
    LeverSpec { id: L::Eligible, key: "elig", module: M::Housing, label_zh: "新市民、青年人符合保障条件比例", label_en: "Eligible share of new-citizen and young households", unit_zh: "%", unit_en: "%", default: 35.0, min: 0.0, max: 100.0, step: 1.0, low: 25.0, high: 45.0, spread: S::BetaPercent, provenance: P::Estimate,
        note_zh: "估算：无公开数据；假设无自有住房且收入符合条件的新市民、青年人约占三分之一（取35%）。区里的记录只确定“符合比例×申请比例”的乘积（见申请比例），二者的拆分是假设。",
        note_en: "Estimate: no published figure; assumed that about a third (35 %) of new citizens and young people own no home and meet the income rules. The district's record fixes only the product of this share and take-up (see take-up); the split between them is an assumption." },
    LeverSpec { id: L::TakeUp, key: "take", module: M::Housing, label_zh: "符合条件者申请比例", label_en: "Take-up among the eligible", unit_zh: "%", unit_en: "%", default: 48.0, min: 0.0, max: 100.0, step: 1.0, low: 35.0, high: 60.0, spread: S::BetaPercent, provenance: P::Estimate,
        note_zh: "估算（校准）：区政府工作报告（转载）称2022年“建成保障性租赁住房640套、新建开工590套”；以建成数作为区里项目所回应的需求规模，48%使2025年符合条件的需求为640户（新市民户加当年满22岁的青年，各占一套）。范围35%—60%。",
        note_en: "Estimate (calibrated): a district work report (reprint) says that in 2022 it \"建成保障性租赁住房640套、新建开工590套\" (completed 640 affordable rental units, started 590); taking the completions as the scale of need its programme answered, 48 % makes the eligible need of 2025 640 households (new citizens' households and those turning 22, one unit each). Range 35–60 %." },
    LeverSpec { id: L::AffordableSupply, key: "aff", module: M::Housing, label_zh: "保障性住房年供给", label_en: "Affordable housing delivered per year", unit_zh: "套/年", unit_en: "units/year", default: 150.0, min: 0.0, max: 3000.0, step: 5.0, low: 90.0, high: 190.0, spread: S::Triangular, provenance: P::Estimate,
        note_zh: "估算（完成记录）：工作要点（四）要求2025—2028年新增保障性住房500套（每年125套）。区政府工作报告（转载）称2022年“建成保障性租赁住房640套、新建开工590套”：交付能力远超每年125套，但“保障性住房”的口径可能窄于保障性租赁住房，故中位取每年150套，向下偏（计划工程常延误）：第10百分位90套，第90百分位190套。",
        note_en: "Estimate (delivery record): work plan task 4 asks for 500 new affordable units over 2025–2028 (125 a year). A district work report (reprint) says that in 2022 it \"建成保障性租赁住房640套、新建开工590套\" (completed 640 affordable rental units, started 590): capacity well above 125 a year, but the plan's 保障性住房 may be a narrower category than affordable rental housing, so the median is taken at 150 a year, skewed down (planned works slip): 10th percentile 90, 90th percentile 190." },
    LeverSpec { id: L::MigrantPupilShare, key: "mpup", module: M::Schools, label_zh: "随迁子女占学生比例", label_en: "Migrant children's share of pupils", unit_zh: "%", unit_en: "%", default: 30.0, min: 0.0, max: 90.0, step: 0.5, low: 22.0, high: 40.0, spread: S::BetaPercent, provenance: P::Estimate,
        note_zh: "估算：无鲤城区公开数据；泉州常住外来人口约204万（约占23%），晋江2014年为66.7%（工业区上限），老城区取30%。",
        note_en: "Estimate: no Licheng figure is published; Quanzhou has about 2.04 m non-local residents (about 23 %), Jinjiang 66.7 % in 2014 (an industrial upper bound); 30 % taken for the old urban core." },
    LeverSpec { id: L::LocalPublicShare, key: "lpub", module: M::Schools, label_zh: "本地户籍学生就读公办学校比例", label_en: "Local pupils in public schools", unit_zh: "%", unit_en: "%", default: 95.0, min: 0.0, max: 100.0, step: 0.5, low: 92.0, high: 98.0, spread: S::BetaPercent, provenance: P::Estimate,
        note_zh: "估算：无公开数据；其余本地学生就读民办学校。与学位存量估算所用假设一致（见“数据来源”）。",
        note_en: "Estimate: no published figure; the other local pupils attend private schools. The same assumption as the capacity estimate (see “Sources”)." },
    LeverSpec { id: L::SchoolPlaces, key: "plc", module: M::Schools, label_zh: "2026—2028年每年新增公办学位", label_en: "New public school places per year, 2026–2028", unit_zh: "个/年", unit_en: "places/year", default: 900.0, min: 0.0, max: 6000.0, step: 10.0, low: 500.0, high: 1500.0, spread: S::Triangular, provenance: P::Estimate,
        note_zh: "估算：2023年新增900个、2024年投用超1000个、2025年预计新增2610个（均为公开报道）；此后按900个/年设定。",
        note_en: "Estimate: +900 places in 2023, over 1,000 opened in 2024 and 2,610 expected in 2025 (all reported); 900 a year assumed afterwards." },
    LeverSpec { id: L::PrimaryShareOfPlaces, key: "plp", module: M::Schools, label_zh: "新增学位中小学占比", label_en: "Primary share of new places", unit_zh: "%", unit_en: "%", default: 62.0, min: 0.0, max: 100.0, step: 1.0, low: 50.0, high: 75.0, spread: S::Fixed, provenance: P::Estimate,
        note_zh: "估算：小学6个年级、初中3个年级，按在校生比例约68%为小学学位；考虑2016—2017年出生高峰将升入初中，取62%（与2025年新增学位的小学占比估算一致，见“数据来源”）。",
        note_en: "Estimate: six primary grades against three junior grades give a cohort share of about 68 % primary; 62 % taken because the 2016–17 birth peak is reaching junior middle school (as for the 2025 places, see “Sources”)." },
    LeverSpec { id: L::InsuranceEffort, key: "ins", module: M::Coverage, label_zh: "每年动员参保比例（未参保者）", label_en: "Enrolment drive (share of uninsured enrolled per year)", unit_zh: "%/年", unit_en: "%/year", default: 20.0, min: 0.0, max: 100.0, step: 1.0, low: 12.0, high: 30.0, spread: S::BetaPercent, provenance: P::Estimate,
        note_zh: "估算：与1%的年断保率一起，使参保率稳定在约95%（全国“参保率稳定在95%以上”）。",
        note_en: "Estimate: with a 1 % yearly lapse it holds participation near 95 % (China: 'stable above 95 %')." },
    LeverSpec { id: L::InsuranceLapse, key: "lap", module: M::Coverage, label_zh: "年断保率", label_en: "Yearly lapse of the insured", unit_zh: "%/年", unit_en: "%/year", default: 1.0, min: 0.0, max: 10.0, step: 0.1, low: 0.6, high: 1.5, spread: S::LogNormal, provenance: P::Estimate,
        note_zh: "估算：无公开数据；与动员比例一起解释全国参保率长期约95%。",
        note_en: "Estimate: no published figure; with the enrolment drive it explains China's participation staying near 95 %." },
    LeverSpec { id: L::InsuranceNewcomers, key: "insn", module: M::Coverage, label_zh: "新迁入人口参保率", label_en: "Participation of newcomers on arrival", unit_zh: "%", unit_en: "%", default: 70.0, min: 0.0, max: 100.0, step: 1.0, low: 55.0, high: 85.0, spread: S::BetaPercent, provenance: P::Estimate,
        note_zh: "估算：无公开数据；新市民多在原籍参保，到达时在本地参保率较低，假设为70%（范围55%—85%），低于全区基期参保率（见“数据来源”）。",
        note_en: "Estimate: no published figure; new citizens are often insured at home, so fewer are insured locally on arrival: 70 % assumed (range 55–85 %), below the district's base-year participation (see “Sources”)." },
    LeverSpec { id: L::G5PerYear, key: "g5", module: M::Delivery, label_zh: "每年新建5G基站", label_en: "New 5G base stations per year", unit_zh: "个/年", unit_en: "sites/year", default: 25.0, min: 0.0, max: 500.0, step: 1.0, low: 18.0, high: 30.0, spread: S::Triangular, provenance: P::Plan,
        note_zh: "工作要点（二十九）：新建5G基站100个，按2025—2028年均衡推进。",
        note_en: "Work plan task 29: 100 new 5G base stations, read as an even pace over 2025–2028." },
    LeverSpec { id: L::PipesPerYear, key: "pipe", module: M::Delivery, label_zh: "每年新改建雨水管网", label_en: "Rain pipes built or rebuilt per year", unit_zh: "公里/年", unit_en: "km/year", default: 3.0, min: 0.0, max: 30.0, step: 0.1, low: 2.5, high: 3.5, spread: S::Triangular, provenance: P::Plan,
        note_zh: "工作要点（二十八）：每年新改建雨水管网3公里。",
        note_en: "Work plan task 28: 3 km of rain pipes built or rebuilt every year." },
    LeverSpec { id: L::DigitalEnterprises, key: "dig", module: M::Delivery, label_zh: "2026年底数字化二级以上企业", label_en: "Enterprises at digital level 2+ by end 2026", unit_zh: "家", unit_en: "enterprises", default: 26.0, min: 0.0, max: 500.0, step: 1.0, low: 20.0, high: 30.0, spread: S::Triangular, provenance: P::Plan,
        note_zh: "工作要点（二十）：力争超25家，即至少26家。",
        note_en: "Work plan task 20: strive for more than 25, i.e. at least 26." },
    LeverSpec { id: L::BenchmarkPerYear, key: "bm", module: M::Delivery, label_zh: "每年新增标杆项目/场景", label_en: "Benchmark projects/scenes per year", unit_zh: "个/年", unit_en: "per year", default: 1.25, min: 0.0, max: 20.0, step: 0.05, low: 1.0, high: 1.6, spread: S::Triangular, provenance: P::Plan,
        note_zh: "工作要点（二十一）：5个以上，按2025—2028年均衡推进。",
        note_en: "Work plan task 21: at least 5, read as an even pace over 2025–2028." },
    LeverSpec { id: L::NewEnterprises2025, key: "ent", module: M::Delivery, label_zh: "2025年新增投产企业", label_en: "New enterprises in production, 2025", unit_zh: "家", unit_en: "enterprises", default: 18.0, min: 0.0, max: 200.0, step: 1.0, low: 14.0, high: 21.0, spread: S::Triangular, provenance: P::Plan,
        note_zh: "工作要点（二十二）：2025年新增投产企业18家以上。",
        note_en: "Work plan task 22: at least 18 new enterprises in production in 2025." },
    LeverSpec { id: L::NewSishang2025, key: "ssh", module: M::Delivery, label_zh: "2025年新增“四上”企业", label_en: "New 'four-above' enterprises, 2025", unit_zh: "家", unit_en: "enterprises", default: 30.0, min: 0.0, max: 200.0, step: 1.0, low: 12.0, high: 42.0, spread: S::Triangular, provenance: P::Estimate,
        note_zh: "估算（完成记录）：工作要点（二十二）要求2025年新增“四上”企业15家。区政府工作报告称2022年“新增‘四上’企业89家”：远超15家，但口径（新增入库或净增）可能不同，故中位取30家，向下偏：第10百分位12家，第90百分位42家。",
        note_en: "Estimate (delivery record): work plan task 22 asks for 15 new 'four-above' enterprises in 2025. The district's work report says it added 89 in 2022 (\"新增‘四上’企业89家\"): far above 15, but possibly on another basis (new entries or net), so the median is taken at 30, skewed down: 10th percentile 12, 90th percentile 42." },
    LeverSpec { id: L::ParkEntryIncrease, key: "park", module: M::Delivery, label_zh: "规上工业企业入园率提高", label_en: "Rise in park entry of above-scale industry", unit_zh: "个百分点", unit_en: "percentage points", default: 10.0, min: 0.0, max: 60.0, step: 0.5, low: 7.0, high: 12.0, spread: S::Triangular, provenance: P::Plan,
        note_zh: "工作要点（二十二）：到2028年入园率提高10%以上（按百分点理解）。",
        note_en: "Work plan task 22: park entry up by at least 10 % by 2028 (read as percentage points)." },
    LeverSpec { id: L::IndustrialChains, key: "chn", module: M::Delivery, label_zh: "重点产业链条数", label_en: "Key industrial chains", unit_zh: "条", unit_en: "chains", default: 2.0, min: 0.0, max: 10.0, step: 1.0, low: 1.0, high: 2.0, spread: S::Fixed, provenance: P::Plan,
        note_zh: "工作要点（十五）：培育1—2条重点产业链。",
        note_en: "Work plan task 15: build 1–2 key industrial chains." },
];

/// What a delivery lever's distribution rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryEvidence {
    /// The district's record of delivering the same kind of thing (in the lever's note).
    Record,
    /// No record was found: the distribution is around the plan's pace, so a target's
    /// probability reflects that assumed pace, not evidence.
    NoRecord,
}

impl LeverId {
    /// For a lever that is the pace of a planned delivery, what its distribution rests on;
    /// `None` for every other lever.
    pub fn delivery_evidence(self) -> Option<DeliveryEvidence> {
        match self {
            LeverId::AffordableSupply | LeverId::NewSishang2025 => Some(DeliveryEvidence::Record),
            LeverId::G5PerYear
            | LeverId::PipesPerYear
            | LeverId::DigitalEnterprises
            | LeverId::BenchmarkPerYear
            | LeverId::NewEnterprises2025
            | LeverId::ParkEntryIncrease
            | LeverId::IndustrialChains => Some(DeliveryEvidence::NoRecord),
            _ => None,
        }
    }

    /// Whether the lever counts whole things delivered in a year or by a date (stations,
    /// enterprises, chains, housing units): the Monte Carlo draws it as a whole number.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            LeverId::AffordableSupply
                | LeverId::G5PerYear
                | LeverId::DigitalEnterprises
                | LeverId::NewEnterprises2025
                | LeverId::NewSishang2025
                | LeverId::IndustrialChains
        )
    }
}

/// A full, validated set of lever values (index by `LeverId as usize`).
#[derive(Debug, Clone, PartialEq)]
pub struct Levers {
    values: [f64; LEVER_COUNT],
}

impl Default for Levers {
    fn default() -> Self {
        let mut values = [0.0; LEVER_COUNT];
        for spec in &LEVERS {
            values[spec.id as usize] = spec.default;
        }
        Levers { values }
    }
}

impl Levers {
    /// The defaults with `overrides` applied; each override is range-checked and a bad one is
    /// reported by its key.
    pub fn with_overrides(overrides: &[(LeverId, f64)]) -> Result<Self, ModelError> {
        let mut levers = Levers::default();
        for &(id, value) in overrides {
            levers.set(id, value)?;
        }
        Ok(levers)
    }

    /// Sets one lever after checking its range.
    pub fn set(&mut self, id: LeverId, value: f64) -> Result<(), ModelError> {
        let spec = id.spec();
        self.values[id as usize] = check_range(spec.key, value, spec.min, spec.max)?;
        Ok(())
    }

    /// Sets one lever to a value the caller has already put in its range (the Monte Carlo
    /// clamps every draw); checked in debug builds only.
    pub(crate) fn set_in_range(&mut self, id: LeverId, value: f64) {
        debug_assert!(
            (id.spec().min..=id.spec().max).contains(&value),
            "{} out of range",
            id.spec().key
        );
        self.values[id as usize] = value;
    }

    /// The value of one lever.
    #[inline]
    pub fn get(&self, id: LeverId) -> f64 {
        self.values[id as usize]
    }

    /// The levers that differ from their defaults, in table order.
    pub fn changed(&self) -> Vec<(LeverId, f64)> {
        LeverId::ALL
            .iter()
            .filter(|&&id| self.get(id) != id.spec().default)
            .map(|&id| (id, self.get(id)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lever_table_is_in_id_order_with_unique_keys_and_sane_ranges() {
        for (i, spec) in LEVERS.iter().enumerate() {
            assert_eq!(spec.id as usize, i, "{}", spec.key);
            assert!(
                spec.min <= spec.low && spec.low <= spec.default,
                "{}",
                spec.key
            );
            assert!(
                spec.default <= spec.high && spec.high <= spec.max,
                "{}",
                spec.key
            );
            assert!(spec.step > 0.0 && !spec.note_zh.is_empty() && !spec.note_en.is_empty());
            assert_eq!(LeverId::from_key(spec.key), Some(spec.id));
        }
    }

    #[test]
    fn override_outside_range_names_the_key() {
        let err = Levers::with_overrides(&[(LeverId::Tfr, 9.0)]).unwrap_err();
        assert_eq!(err.field(), "tfr");
        assert!(Levers::with_overrides(&[(LeverId::Tfr, f64::NAN)]).is_err());
    }
}
