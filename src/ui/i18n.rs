//! The workbench's language (`Lang`) and every visible UI string in Chinese and English.
//!
//! Fixed strings are [`Tr`] pairs read with [`Tr::get`]; strings with numbers in them are
//! functions taking the language. Texts that come with the data (lever labels, the work plan,
//! baseline figures) carry both languages themselves and are picked with [`Lang::pick`].

/// The language the workbench is shown in. Chinese is the default.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The other language (for the toggle).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The code `InputError::message` expects.
    pub fn error_code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A fixed UI string in both languages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Tr {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const fn tr(zh: &'static str, en: &'static str) -> Tr {
    Tr { zh, en }
}

// Header
pub const APP_TITLE: Tr = tr(
    "鲤城区以人为本新型城镇化情景模拟",
    "Licheng District people-centred urbanisation: scenario workbench",
);
pub const APP_SUBTITLE: Tr = tr(
    "依据《鲤城区推进以人为本的新型城镇化战略工作要点（2025—2028年）》（泉鲤政办〔2025〕6号）",
    "Based on Licheng District's Key Work Points for People-Centred New Urbanisation 2025–2028 (泉鲤政办〔2025〕6号)",
);
pub const HEADLINE_POPULATION: Tr = tr(
    "2028年末常住人口（预测）",
    "Resident population, end-2028 (projected)",
);
pub const PERSONS: Tr = tr("人", "persons");
/// The toggle's label names the language it switches TO.
pub const LANG_TOGGLE: Tr = tr("English", "中文");
pub const LANG_TOGGLE_HINT: Tr = tr("Switch to English", "切换为中文");
pub const PRESET: Tr = tr("预设情景", "Preset");
pub const PRESET_LIST: Tr = tr("全部预设及说明", "All presets explained");
pub const PRESET_CUSTOM: Tr = tr("自定义（已修改参数）", "Custom (levers edited)");
pub const UNDO: Tr = tr("撤销", "Undo");
pub const REDO: Tr = tr("重做", "Redo");
pub const UNDO_HINT: Tr = tr("撤销（Ctrl+Z）", "Undo (Ctrl+Z)");
pub const REDO_HINT: Tr = tr(
    "重做（Ctrl+Shift+Z 或 Ctrl+Y）",
    "Redo (Ctrl+Shift+Z or Ctrl+Y)",
);
pub const RESET_ALL: Tr = tr("全部恢复默认", "Reset all");
pub const PIN_A: Tr = tr("固定为方案A", "Pin as A");
pub const PIN_A_HINT: Tr = tr(
    "把当前参数存为方案A，之后的修改作为方案B与之对比",
    "Store the current levers as scenario A; further changes become scenario B, compared with A",
);
pub const REPIN_A: Tr = tr("用当前参数替换方案A", "Re-pin A");
pub const CLEAR_COMPARE: Tr = tr("取消对比", "Clear comparison");
pub const COMPARE_ON: Tr = tr(
    "对比中：方案A（已固定，图中虚线）与方案B（当前参数，实线）",
    "Comparing: scenario A (pinned, dashed in charts) with scenario B (current levers, solid)",
);
pub const SCENARIO_A: Tr = tr("方案A", "Scenario A");
pub const SCENARIO_B: Tr = tr("当前方案B", "Scenario B (current)");
pub const DELTA: Tr = tr("差值 B−A", "Δ B−A");
pub const RUN_FAILED: Tr = tr(
    "此组参数无法计算（请调整刚修改的参数，或按 Ctrl+Z 撤销），仍显示上一次结果：",
    "These levers cannot be computed (change the lever you just moved, or press Ctrl+Z to undo); the previous results are still shown: ",
);

pub const SCENARIO_TOOLS: Tr = tr("情景工具", "Scenario tools");
pub const SKIP_TO_MAIN: Tr = tr("跳到主要内容", "Skip to the main content");
/// A part of the whole page while it loads after the first view.
pub const LOADING: Tr = tr("正在加载……", "Loading…");
/// What the first view's tabs of the whole page say when it could not load (www/boot.js).
pub const WHOLE_FAILED: Tr = tr(
    "本部分未能加载。请刷新页面重试，当前情景保存在本页链接中。",
    "This part could not load. Reload the page to try again: the scenario is kept in its link.",
);
/// Separators: after a term ("来源：") and between list items ("区教育局、人社局").
pub const COLON: Tr = tr("：", ": ");
pub const LIST_SEPARATOR: Tr = tr("、", "; ");
pub const FILE_TOO_LARGE: Tr = tr(
    "文件过大（人口表通常只有几KB，请确认所选的是人口表CSV文件）",
    "the file is too large (a population table is a few kilobytes: check that you chose the population CSV)",
);

// Tabs
pub const TAB_DASHBOARD: Tr = tr("目标与图表", "Targets & charts");
pub const TAB_WORKPLAN: Tr = tr("工作要点", "Work plan");
pub const TAB_SOURCES: Tr = tr("数据来源", "Sources");
pub const TAB_METHODS: Tr = tr("计算方法", "How this is computed");
pub const TABS_LABEL: Tr = tr("内容", "Sections");

// Lever panel
pub const ASSUMPTIONS: Tr = tr("假设参数", "Assumptions");
pub const ASSUMPTIONS_HINT: Tr = tr(
    "拖动滑块，或输入数值后按回车；结果立即重新计算。Ctrl+Z 撤销。",
    "Drag a slider, or type a value and press Enter; results are recomputed at once. Ctrl+Z undoes.",
);
pub const VALID_RANGE: Tr = tr("有效范围", "Valid range");
pub const DEFAULT: Tr = tr("默认", "default");
pub const RESET: Tr = tr("恢复默认", "Reset");
pub const CHANGED_COUNT_SUFFIX: Tr = tr("项已改", "changed");
pub const PROVENANCE_PUBLISHED: Tr = tr("公开数据", "Published");
pub const PROVENANCE_PLAN: Tr = tr("规划", "Plan");
pub const PROVENANCE_ESTIMATE: Tr = tr("估算", "Estimate");
pub const PROVENANCE_HINT: Tr = tr("查看来源说明", "Show where this comes from");
pub const INPUT_EMPTY: Tr = tr(
    "请输入一个数值（情景未改变）",
    "Enter a number (the scenario is unchanged)",
);
pub const INPUT_NOT_A_NUMBER: Tr = tr(
    "不是有效数字（情景未改变）",
    "Not a valid number (the scenario is unchanged)",
);
pub const HOW_COMPUTED_LINK: Tr = tr("计算方法", "How computed");

/// The inline message for a number outside a lever's range.
pub fn input_out_of_range(lang: Lang, min: &str, max: &str) -> String {
    match lang {
        Lang::Zh => format!("超出有效范围 {min} 至 {max}（情景未改变）"),
        Lang::En => format!("Outside the valid range {min} to {max} (the scenario is unchanged)"),
    }
}

// Presets
pub const PRESET_CUSTOM_EXPLAIN: Tr = tr(
    "当前参数与任何预设都不同。",
    "The current levers match no preset.",
);

// Target dashboard
pub const TARGETS_HEADING: Tr = tr("工作要点量化目标", "The work plan's quantitative targets");
pub const TARGETS_CAPTION: Tr = tr(
    "2025—2028年预测值与目标值比较。达成概率由蒙特卡罗模拟给出，尚未算出时显示“—”。",
    "Projected values for 2025–2028 against each target. The probability comes from the Monte Carlo run and shows “—” until it is available.",
);
pub const COL_CLAUSE: Tr = tr("条款", "Clause");
pub const COL_TARGET: Tr = tr("目标", "Target");
pub const COL_UNITS: Tr = tr("责任单位", "Responsible units");
pub const COL_PROJECTED: Tr = tr("预测值", "Projected");
pub const COL_THRESHOLD: Tr = tr("目标值", "Target value");
pub const COL_GAP: Tr = tr("差距", "Margin");
pub const COL_PROBABILITY: Tr = tr("达成概率", "Probability");
pub const COL_STATUS: Tr = tr("状态", "Status");
pub const STATUS_PENDING: Tr = tr("概率计算中", "Probability pending");

/// The model's own indicator beside the plan's targets (no verdict: the plan sets no such target).
pub fn affordable_coverage_indicator(lang: Lang, year: i32, pct: f64) -> String {
    let value = format!("{pct:.0}%");
    match lang {
        Lang::Zh => format!("模型指标（非工作要点目标，不作达成判断）：至{year}年末保障性住房累计供给约为符合条件需求的 {value}（需求按2022年建成640套校准，见“计算方法·住房”）。"),
        Lang::En => format!("The model's own indicator (not a target of the plan, so no verdict): by the end of {year} cumulative affordable housing supply is about {value} of the eligible need (the need calibrated to the 640 units completed in 2022; see “How it is computed · Housing”)."),
    }
}
pub const MAIN_GOALS: Tr = tr("主要目标", "Main goals");
pub const BETWEEN: Tr = tr("介于", "between");
pub const GAP_HINT: Tr = tr(
    "差距为正表示超出目标的幅度，为负表示距目标的缺口。",
    "A positive margin is by how much the target is beaten; a negative one, by how much it is missed.",
);
pub const SUMMARY_MET: Tr = tr(
    "项目标在中心情景下达到目标值（达成概率计算中）",
    "targets reach their threshold in the central run (probabilities pending)",
);

/// "Clause (n)" as the plan writes it.
pub fn clause_label(lang: Lang, clause_zh: &str, number: u32) -> String {
    match lang {
        Lang::Zh => clause_zh.to_string(),
        Lang::En => format!("Task {number}"),
    }
}

// Charts
pub const CHARTS_HEADING: Tr = tr("预测图表（2024—2028年）", "Projections, 2024–2028");
pub const CHART_POPULATION: Tr = tr("常住人口", "Resident population");
pub const CHART_PYRAMID: Tr = tr("年龄金字塔：2024年与2028年", "Age pyramid: 2024 and 2028");
pub const CHART_JOBS: Tr = tr("城镇新增就业（累计）", "New urban jobs (cumulative)");
pub const CHART_EMPLOYED: Tr = tr("就业人员", "Employed persons");
pub const CHART_HOUSING: Tr = tr(
    "住房：保障房需求与供给（累计）及新增住房需求",
    "Housing: affordable need and supply (cumulative) and new housing need",
);
pub const CHART_SCHOOLS_PRIMARY: Tr = tr(
    "小学：在校生与公办学位",
    "Primary: pupils and public places",
);
pub const CHART_SCHOOLS_JUNIOR: Tr = tr(
    "初中：在校生与公办学位",
    "Junior middle: pupils and public places",
);
pub const CHART_INSURANCE: Tr = tr("基本医保参保率", "Basic medical insurance participation");
pub const SERIES_POPULATION: Tr = tr("常住人口", "Resident population");
pub const SERIES_EMPLOYED: Tr = tr("就业人员", "Employed");
pub const SERIES_JOBS_CUM: Tr = tr("城镇新增就业累计", "New urban jobs, cumulative");
pub const SERIES_AFFORDABLE_NEED_CUM: Tr = tr("保障房需求累计", "Affordable need, cumulative");
pub const SERIES_AFFORDABLE_SUPPLY_CUM: Tr = tr("保障房供给累计", "Affordable supply, cumulative");
pub const SERIES_HOUSING_NEED: Tr = tr("新增住房需求（当年）", "New housing need (per year)");
pub const SERIES_PRIMARY_PUPILS: Tr = tr("小学在校生", "Primary pupils");
pub const SERIES_PRIMARY_PLACES: Tr = tr("公办小学学位", "Public primary places");
pub const SERIES_JUNIOR_PUPILS: Tr = tr("初中在校生", "Junior pupils");
pub const SERIES_JUNIOR_PLACES: Tr = tr("公办初中学位", "Public junior places");
pub const SERIES_INSURANCE: Tr = tr("参保率", "Participation");
pub const UNIT_PERSONS: Tr = tr("人", "persons");
pub const UNIT_HOUSING: Tr = tr("套（户）", "units (households)");
pub const UNIT_PUPILS: Tr = tr("人（个学位）", "pupils / places");
pub const UNIT_PERCENT: Tr = tr("%", "%");
pub const PYRAMID_2028: Tr = tr("2028年", "2028");
pub const PYRAMID_BASE: Tr = tr("2024年（基期）", "2024 (base year)");
pub const SUFFIX_A: Tr = tr("（方案A）", " (A)");

/// The label of a target line on a chart.
pub fn target_line_label(lang: Lang, value: &str) -> String {
    match lang {
        Lang::Zh => format!("目标 {value}"),
        Lang::En => format!("Target {value}"),
    }
}

// Baseline import
pub const IMPORT_HEADING: Tr = tr("基期人口表", "Base-year population table");
pub const IMPORT_LABEL: Tr = tr(
    "导入人口表（CSV，列为 age,male,female，逐岁一行，最后一行为开放年龄组）",
    "Import a population table (CSV with columns age,male,female, one row per single year of age, the last row the open group)",
);
pub const IMPORT_BUTTON: Tr = tr("选择CSV文件导入…", "Choose a CSV file to import…");
pub const DOWNLOAD_TEMPLATE: Tr = tr(
    "下载当前人口表（CSV，可作模板）",
    "Download the current population table (CSV, usable as a template)",
);
pub const IMPORT_FAILED: Tr = tr(
    "导入失败，未作任何更改。",
    "Import failed; nothing was changed.",
);
pub const IMPORT_READ_FAILED: Tr = tr(
    "无法读取所选文件。请重新选择；若文件在网盘或U盘上，请先复制到本机。",
    "The chosen file could not be read. Choose it again; if it is on a network or USB drive, copy it to this computer first.",
);
pub const RETURN_OFFICIAL: Tr = tr("恢复内置基期", "Return to the built-in baseline");
pub const OFFICIAL_BASELINE_NOTE: Tr = tr(
    "当前使用内置的鲤城区2024年基期（多为估算，见“数据来源”）。",
    "The built-in Licheng 2024 baseline is in use (mostly estimates: see “Sources”).",
);

// Baseline figures (the editor next to the population import)
pub const FIGURES_HEADING: Tr = tr("基期单项数据", "Baseline figures");
pub const FIGURES_HINT: Tr = tr(
    "如区有关部门掌握正式统计数据，可在此替换内置数值：输入后按回车应用，全部结果随之重算；↺ 恢复内置基期的数值。",
    "Replace a built-in figure with an official figure the district holds: type it and press Enter, and every result is recomputed; ↺ brings back the built-in baseline's value.",
);
pub const FIGURE_EMPTY: Tr = tr(
    "请输入一个数值（基期未改变）",
    "Enter a number (the baseline is unchanged)",
);
pub const FIGURE_NOT_A_NUMBER: Tr = tr(
    "不是有效数字（基期未改变）",
    "Not a valid number (the baseline is unchanged)",
);
pub const FIGURE_RESET: Tr = tr("恢复内置数值", "Back to the built-in value");
pub const FIGURE_SOURCE_LINK: Tr = tr("来源", "Source");
pub const FIGURE_EDIT_FAILED: Tr = tr(
    "未能应用此基期数据，基期未改变：",
    "This baseline figure could not be applied; the baseline is unchanged: ",
);

/// The inline message for a baseline figure that cannot be applied, naming the figure.
pub fn figure_problem(lang: Lang, label: &str, problem: &str) -> String {
    match lang {
        Lang::Zh => format!("{label}：{problem}"),
        Lang::En => format!("{label}: {problem}"),
    }
}

/// A baseline figure outside its valid range.
pub fn figure_out_of_range(lang: Lang, min: &str, max: &str) -> String {
    match lang {
        Lang::Zh => format!("超出有效范围 {min} 至 {max}（基期未改变）"),
        Lang::En => format!("outside the valid range {min} to {max} (the baseline is unchanged)"),
    }
}

/// The built-in baseline's value of a figure: "内置基期：29,290 个（估算）".
pub fn official_value(lang: Lang, value: &str, estimate: bool) -> String {
    match (lang, estimate) {
        (Lang::Zh, true) => format!("内置基期：{value}（估算）"),
        (Lang::Zh, false) => format!("内置基期：{value}"),
        (Lang::En, true) => format!("built-in baseline: {value} (estimate)"),
        (Lang::En, false) => format!("built-in baseline: {value}"),
    }
}

// The custom-baseline banner
pub const CUSTOM_BASELINE_HEADING: Tr = tr(
    "正在使用自定义基期，以下结果不是内置基期的结果：",
    "A custom baseline is in use; the results below are not those of the built-in baseline:",
);

/// The banner's line for an imported population table.
pub fn custom_population_item(lang: Lang, file: &str, total: &str) -> String {
    match lang {
        Lang::Zh => format!("基期人口表：导入文件 {file}，合计 {total} 人"),
        Lang::En => format!("Base-year population: imported file {file}, total {total}"),
    }
}

/// The banner's line for an edited figure: "公办小学学位（2024年）：30,000 个（内置估算 29,290 个）".
pub fn custom_figure_item(
    lang: Lang,
    label: &str,
    value: &str,
    official: &str,
    estimate: bool,
) -> String {
    match (lang, estimate) {
        (Lang::Zh, true) => format!("{label}：{value}（内置估算 {official}）"),
        (Lang::Zh, false) => format!("{label}：{value}（内置公开数据 {official}）"),
        (Lang::En, true) => format!("{label}: {value} (built-in estimate {official})"),
        (Lang::En, false) => format!("{label}: {value} (built-in published figure {official})"),
    }
}

/// The share panel's note while an imported population is in use (it cannot travel in a link).
pub fn population_not_in_link(lang: Lang, file: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "注意：导入的基期人口表（{file}）无法放入链接，打开此链接看到的是内置（估算）人口表上的结果。修改的基期单项数据已包含在链接中。"
        ),
        Lang::En => format!(
            "Note: the imported population table ({file}) cannot travel in a link; whoever opens this link sees the results on the built-in (estimated) population table. Edited baseline figures are in the link."
        ),
    }
}

// Work plan browser
pub const WORKPLAN_HEADING: Tr = tr("工作要点全文", "The work plan, task by task");
pub const UNIT_FILTER: Tr = tr("责任单位", "Responsible unit");
pub const ALL_UNITS: Tr = tr("全部单位", "All units");
pub const TEXT_FILTER: Tr = tr("搜索", "Search");
pub const TEXT_FILTER_PLACEHOLDER: Tr = tr(
    "标题、正文或单位中的文字",
    "Words in a title, the text or a unit",
);
pub const TASK_TARGETS: Tr = tr("量化目标", "Targets");
pub const TASK_LEVERS: Tr = tr("影响目标的参数", "Levers that move them");
pub const TASK_UNITS: Tr = tr("责任单位", "Responsible units");
pub const NO_TASKS: Tr = tr("没有符合条件的任务。", "No task matches.");
pub const SHOW_IN_DASHBOARD: Tr = tr("在目标表中查看", "See in the target table");

/// "Showing n of m tasks".
pub fn tasks_shown(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("显示 {shown} / {total} 项任务"),
        Lang::En => format!("Showing {shown} of {total} tasks"),
    }
}

// Sources
pub const SOURCES_HEADING: Tr = tr("数据来源", "Sources");
pub const BASIS: Tr = tr("统计口径", "Basis");
pub const BASE_YEAR: Tr = tr("基期年份", "Base year");
pub const STATUS_OFFICIAL: Tr = tr("公开数据", "Published");
pub const STATUS_ESTIMATE: Tr = tr("估算", "Estimate");
pub const SOURCE: Tr = tr("来源", "Source");
pub const METHOD: Tr = tr("估算方法", "Method");
pub const CONFIDENCE: Tr = tr("可信度", "Confidence");
pub const YEAR: Tr = tr("年份", "Year");
pub const VALUE: Tr = tr("数值", "Value");
pub const SOURCES_LEVERS_NOTE: Tr = tr(
    "各假设参数的来源见左栏每个参数旁的标记（公开数据、规划、估算）。",
    "Each lever's source is behind the marker next to it in the left column (Published/Plan/Estimate).",
);

/// A confidence code (`high`/`med`/`low`) in words.
pub fn confidence(lang: Lang, code: &str) -> String {
    let (zh, en) = match code {
        "high" => ("高", "high"),
        "med" => ("中", "medium"),
        "low" => ("低", "low"),
        other => (other, other),
    };
    lang.pick(zh, en).to_string()
}

// Methods
pub const METHODS_HEADING: Tr = tr("计算方法", "How this is computed");
pub const METHODS_INTRO: Tr = tr(
    "每年一步，从2024年末基期推算到2028年末。以下公式与模型源代码注释一致；以等宽字体显示的参数键（如 tfr）即左栏中的参数。",
    "One step a year from the end-2024 base to end-2028. The formulas below are those in the model's source comments; keys in code font (such as tfr) are the levers in the left column.",
);
pub const FOOTER: Tr = tr(
    "所有计算在本机浏览器中完成，不上传任何数据。",
    "Everything is computed in this browser; no data leaves it.",
);

// Uncertainty: the Monte Carlo run (src/ui/uncertainty.rs)
pub const MC_HEADING: Tr = tr("不确定性（蒙特卡罗模拟）", "Uncertainty (Monte Carlo)");
pub const MC_INTRO: Tr = tr(
    "在后台线程中按各参数的不确定性分布反复抽样计算：目标表给出每项目标的达成概率，图中阴影为 80% 与 95% 区间。",
    "Draws every uncertain lever from its distribution, again and again, in a background thread: the target table gives each target's probability of being met, the shaded bands in the charts are 80% and 95% intervals.",
);
pub const MC_METHOD_LINK: Tr = tr(
    "各参数的分布与相关性",
    "Each lever's distribution, and the correlation",
);
pub const MC_DRAWS: Tr = tr("抽样次数", "Number of draws");
pub const MC_SPREAD: Tr = tr("不确定性幅度", "Uncertainty spread");
pub const MC_SPREAD_DOCUMENTED: Tr = tr("（文档所述）", " (as documented)");
pub const MC_SPREAD_NONE: Tr = tr("（无不确定性）", " (no uncertainty)");
pub const MC_SPREAD_HINT: Tr = tr(
    "幅度 1 表示各参数文档所列的低值、高值为其第10、90百分位；0 表示不考虑不确定性，2 表示范围加倍。相同种子得到相同结果（与命令行 licheng mc 一致）。",
    "A spread of 1 makes each lever's documented low and high values its 10th and 90th percentiles; 0 means no uncertainty, 2 twice as wide. The same seed gives the same results (as the command line's licheng mc).",
);
pub const MC_SEED: Tr = tr("随机种子", "Random seed");
pub const MC_SEED_INVALID: Tr = tr(
    "种子应为 0 至 18446744073709551615 之间的整数（未应用）",
    "The seed must be a whole number from 0 to 18446744073709551615 (not applied)",
);
pub const MC_CANCEL: Tr = tr("取消模拟", "Cancel");
pub const MC_RERUN: Tr = tr("重新运行", "Run again");
pub const MC_CANCELLED: Tr = tr("（已取消）", " (cancelled)");
pub const MC_FAILED: Tr = tr("蒙特卡罗模拟失败：", "Monte Carlo failed: ");
/// After a failed run's reason: what to do.
pub const MC_FAILED_NEXT: Tr = tr(
    "。请检查刚修改的设置，然后点击“重新运行”；若为偶发错误，重新运行或刷新页面即可。",
    ". Check the setting you just changed, then click Run again; if the failure was a passing one, running again or reloading the page clears it.",
);

/// "蒙特卡罗模拟：1250 / 2000 次" / "Monte Carlo: 1,250 / 2,000 draws".
pub fn mc_progress(lang: Lang, done: &str, total: &str) -> String {
    match lang {
        Lang::Zh => format!("蒙特卡罗模拟：{done} / {total} 次"),
        Lang::En => format!("Monte Carlo: {done} / {total} draws"),
    }
}

/// The end of the status line of a finished run: the worker's time (and the page's, if known).
pub fn mc_done(lang: Lang, worker_s: f64, page_s: Option<f64>) -> String {
    match (lang, page_s) {
        (Lang::Zh, Some(p)) => format!("（完成：后台用时 {worker_s:.2} 秒，页面等待 {p:.2} 秒）"),
        (Lang::Zh, None) => format!("（完成：后台用时 {worker_s:.2} 秒）"),
        (Lang::En, Some(p)) => {
            format!(" (done: {worker_s:.2} s in the worker, {p:.2} s from the page's request)")
        }
        (Lang::En, None) => format!(" (done: {worker_s:.2} s in the worker)"),
    }
}

// "What it would take": tornado and goal-seek (src/ui/decision_panel.rs)
pub const DECISION_HEADING: Tr = tr("怎样才能达成目标", "What it would take");
pub const DECISION_INTRO: Tr = tr(
    "选择一项目标：龙卷风图显示哪些参数最能左右它；目标反推求出某一参数需取何值，才能以 50% 或 80% 的概率达成目标。",
    "Pick a target: the tornado shows which levers move it most; goal-seek finds the value a lever would need for the target to be met with 50% or 80% probability.",
);
pub const DECISION_TARGET: Tr = tr("目标", "Target");
pub const RUN_TORNADO: Tr = tr("计算龙卷风图", "Compute the tornado");
pub const TORNADO_NONE: Tr = tr(
    "没有参数能改变这项目标的数值。",
    "No lever changes this target's value.",
);
pub const TORNADO_KEY_LOW: Tr = tr("参数取低值", "lever low");
pub const TORNADO_KEY_HIGH: Tr = tr("参数取高值", "lever high");
pub const TORNADO_COL_LEVER: Tr = tr("参数", "Lever");
pub const TORNADO_COL_LOW: Tr = tr("低值", "Low");
pub const TORNADO_COL_AT_LOW: Tr = tr("低值时目标值", "Target at low");
pub const TORNADO_COL_BAR: Tr = tr("变动范围（竖线为当前值）", "Swing (line: current value)");
pub const TORNADO_COL_HIGH: Tr = tr("高值", "High");
pub const TORNADO_COL_AT_HIGH: Tr = tr("高值时目标值", "Target at high");
pub const DECISION_OUTDATED: Tr = tr(
    "参数、种子或幅度已改变，以下结果对应之前的设置；请重新计算。",
    "The levers, seed or spread have changed since: these results are for the earlier settings; compute again.",
);
pub const GOALSEEK_HEADING: Tr = tr("目标反推", "Goal-seek");
pub const DECISION_LEVER: Tr = tr("调整的参数", "Lever to adjust");
pub const LEVERS_RELEVANT: Tr = tr("影响此目标的参数", "Levers that move this target");
pub const LEVERS_OTHER: Tr = tr("其他参数", "Other levers");
pub const RUN_GOALSEEK: Tr = tr("反推所需数值", "Find the value needed");
pub const GOALSEEK_RUNNING: Tr = tr("正在后台计算…", "Computing in the background…");

/// The tornado's caption: the target and its value with every lever as set.
pub fn tornado_caption(
    lang: Lang,
    target: &str,
    central: &str,
    shown: usize,
    moving: usize,
) -> String {
    let count_zh = if shown < moving {
        format!("影响最大的 {shown} 项，共 {moving} 项参数有影响")
    } else {
        format!("共 {shown} 项参数有影响")
    };
    let count_en = if shown < moving {
        format!("the {shown} with most effect of {moving} levers that move it")
    } else {
        format!("all {shown} levers that move it")
    };
    match lang {
        Lang::Zh => format!(
            "“{target}”对各参数的敏感性（{count_zh}）：每个参数分别取低值与高值（第10与第90百分位的距离乘以幅度），其余参数不变；当前值 {central}。"
        ),
        Lang::En => format!(
            "How “{target}” responds to each lever ({count_en}): one lever at a time set low and high (its 10th–90th percentile distance times the spread), the others as set; current value {central}."
        ),
    }
}

/// A goal-seek answer that was reached.
#[allow(clippy::too_many_arguments)]
pub fn goalseek_reached(
    lang: Lang,
    pct: &str,
    target: &str,
    lever: &str,
    value: &str,
    now: &str,
    probability: &str,
    already: bool,
) -> String {
    match (lang, already) {
        (Lang::Zh, false) => format!(
            "若要使“{target}”的达成概率达到 {pct}%，需将 {lever} 调整为 {value}（当前为 {now}，调整后概率 {probability}%）"
        ),
        (Lang::Zh, true) => format!(
            "要以 {pct}% 的概率达成“{target}”：当前值 {lever} = {value} 已经足够（概率 {probability}%）"
        ),
        (Lang::En, false) => format!(
            "To meet “{target}” with {pct}% probability: {lever} = {value} (now {now}; probability there {probability}%)"
        ),
        (Lang::En, true) => format!(
            "To meet “{target}” with {pct}% probability: the current {lever} = {value} is already enough (probability {probability}%)"
        ),
    }
}

/// A goal-seek answer that is out of the lever's range.
pub fn goalseek_unreachable(
    lang: Lang,
    pct: &str,
    target: &str,
    at_min: &str,
    at_max: &str,
) -> String {
    match lang {
        Lang::Zh => format!(
            "要以 {pct}% 的概率达成“{target}”：在此参数的有效范围内无法达到（取最小值时概率 {at_min}%，取最大值时 {at_max}%）"
        ),
        Lang::En => format!(
            "To meet “{target}” with {pct}% probability: not reachable within this lever's range (probability {at_min}% at its minimum, {at_max}% at its maximum)"
        ),
    }
}

/// The "apply" button of a goal-seek answer, and its tooltip with the exact value.
pub const GOALSEEK_APPLY: Tr = tr("把此值用于情景", "Apply this value");
pub fn goalseek_apply_hint(lang: Lang, lever: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!("把 {lever} 设为 {value}"),
        Lang::En => format!("Set {lever} to {value}"),
    }
}

/// How goal-seek computed its answers.
pub fn goalseek_note(lang: Lang, draws: u64, seed: &str, spread: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "每个候选值用 {draws} 次抽样（各候选值使用相同的随机数），种子 {seed}，幅度 {spread}；在参数有效范围内二分查找。"
        ),
        Lang::En => format!(
            "{draws} draws for each candidate value (the same random numbers for every candidate), seed {seed}, spread {spread}; bisection over the lever's valid range."
        ),
    }
}
// (end of the uncertainty and decision strings)

// Share and present: links, the share panel, saved scenarios, presentation, exports
// (src/ui/url_sync.rs, share.rs, saved_panel.rs, present.rs, export.rs)

/// The heading of `#link-notices`.
pub fn link_notices_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("链接中有 {n} 处无法使用，已忽略；链接的其余部分已应用："),
        Lang::En if n == 1 => {
            "One part of the link could not be used and was ignored; the rest of the link was applied:"
                .to_string()
        }
        Lang::En => format!(
            "{n} parts of the link could not be used and were ignored; the rest of the link was applied:"
        ),
    }
}
pub const DISMISS: Tr = tr("知道了", "Dismiss");
pub const CLOSE: Tr = tr("关闭", "Close");
pub const SHARE_TOOLS: Tr = tr("分享与演示", "Share and present");
pub const SHARE: Tr = tr("分享", "Share");
pub const SHARE_HINT: Tr = tr(
    "链接、文字摘要与二维码",
    "Link, plain-text summary and QR code",
);
pub const SHARE_HEADING: Tr = tr("分享此情景", "Share this scenario");
pub const SHARE_LINK_LABEL: Tr = tr(
    "链接（含全部参数：在任何浏览器中打开都得到同样的结果）",
    "Link (it holds every assumption: opened in any browser, it gives the same results)",
);
pub const COPY_LINK: Tr = tr("复制链接", "Copy link");
pub const COPY_SUMMARY: Tr = tr("复制摘要", "Copy summary");
pub const SHARE_SUMMARY_LABEL: Tr = tr(
    "文字摘要（可粘贴到聊天或邮件）",
    "Plain-text summary (for chat or e-mail)",
);
pub const SHARE_QR_LABEL: Tr = tr(
    "二维码：用手机扫描即可打开同一情景",
    "QR code: scan it with a phone to open the same scenario",
);
pub const QR_ALT: Tr = tr("此情景链接的二维码", "QR code of this scenario's link");
pub const QR_ENLARGE: Tr = tr(
    "放大二维码（投影时使用）",
    "Enlarge the QR code (for a projector)",
);
pub const QR_SHRINK: Tr = tr("缩小二维码", "Make the QR code smaller");
pub const QR_TOO_LONG: Tr = tr(
    "链接过长，无法生成二维码；请复制链接。",
    "The link is too long for a QR code; copy the link instead.",
);
pub const COPIED_LINK: Tr = tr(
    "链接已复制到剪贴板。",
    "The link was copied to the clipboard.",
);
pub const COPIED_SUMMARY: Tr = tr(
    "摘要已复制到剪贴板。",
    "The summary was copied to the clipboard.",
);
pub const COPY_FAILED: Tr = tr(
    "浏览器不允许自动复制：文字已选中，请按 Ctrl+C（Mac 上为 ⌘C）复制。",
    "The browser did not allow copying: the text is selected — press Ctrl+C (⌘C on a Mac) to copy it.",
);

pub const SAVED_HEADING: Tr = tr("情景存档", "Saved scenarios");
pub const SAVED_HINT: Tr = tr(
    "保存在本浏览器中（不上传）；可导出为文件备份或发给他人。",
    "Kept in this browser (nothing is uploaded); export them to a file to back them up or pass them on.",
);
pub const SAVE_NAME: Tr = tr("名称", "Name");
pub const SAVE_NAME_PLACEHOLDER: Tr = tr("例如：高迁入方案", "e.g. High migration");
pub const SAVE: Tr = tr("保存当前情景", "Save the current scenario");
pub const SAVED_EMPTY: Tr = tr("尚未保存任何情景。", "No saved scenarios yet.");
pub const SAVED_LIST: Tr = tr("已保存的情景", "Saved scenarios");
pub const OPEN: Tr = tr("打开", "Open");
pub const RENAME: Tr = tr("改名", "Rename");
pub const NEW_NAME: Tr = tr("新名称", "New name");
pub const OK: Tr = tr("确定", "OK");
pub const CANCEL: Tr = tr("取消", "Cancel");
pub const DELETE: Tr = tr("删除", "Delete");
pub const EXPORT_ONE: Tr = tr("导出", "Export");
pub const EXPORT_ALL: Tr = tr("全部导出（JSON）", "Export all (JSON)");
pub const IMPORT_SCENARIOS: Tr = tr("导入情景文件（JSON）…", "Import a scenarios file (JSON)…");
pub const UNDO_DELETE: Tr = tr("撤销删除", "Undo delete");
pub const NAME_EMPTY: Tr = tr("请输入名称。", "Enter a name.");
pub const NAME_TAKEN: Tr = tr(
    "已有同名情景，请换一个名称。",
    "A scenario already has that name; choose another.",
);
pub const STORAGE_UNAVAILABLE: Tr = tr(
    "本浏览器的本地存储不可用（可能已被禁用）：情景只保留到关闭页面为止，请用“导出”存为文件。",
    "This browser's local storage is unavailable (perhaps disabled): scenarios last only until the page is closed — use Export to keep them in a file.",
);
pub const STORAGE_WRITE_FAILED: Tr = tr(
    "无法写入本地存储（可能已满或被禁用）：此更改只在本页有效，请用“导出”存为文件。",
    "Could not write to local storage (it may be full or disabled): this change lasts only while the page is open — use Export to keep it in a file.",
);
pub const SET_ASIDE_WRITE_FAILED: Tr = tr(
    "无法另存存档中损坏的内容，为免丢失，存档暂不写入；本页的更改请用“导出”保存。",
    "The damaged part of the store could not be set aside, so to lose nothing the store is not written; use Export to keep this page's changes.",
);
pub const IMPORT_NOTHING_CHANGED: Tr = tr(
    "文件无法导入，未作任何更改：",
    "The file could not be imported; nothing was changed: ",
);
pub const IMPORT_TOO_LARGE: Tr = tr(
    "文件过大（情景文件通常只有几KB，请确认所选的是本工具导出的情景JSON文件）",
    "the file is too large (a scenarios file is a few kilobytes: check that you chose a scenarios JSON file made with Export)",
);
pub const IMPORT_NO_SCENARIOS: Tr = tr(
    "文件中没有情景（请选择本工具“导出”生成的JSON文件）",
    "the file holds no scenarios (choose a JSON file made with Export)",
);

/// A default name for a saved scenario.
pub fn default_scenario_name(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("情景 {n}"),
        Lang::En => format!("Scenario {n}"),
    }
}

/// "Saved “name”." (with the new name if it was taken).
/// Saved under a new name because the name asked for is taken.
pub fn saved_as_renamed(lang: Lang, asked: &str, name: &str) -> String {
    match lang {
        Lang::Zh => format!("已有名为“{asked}”的情景：本次另存为“{name}”（原情景未改动；可重命名或删除）。"),
        Lang::En => format!("A scenario named “{asked}” exists: saved as “{name}” (the other is unchanged; rename or delete either)."),
    }
}

pub fn saved_as(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("已保存为“{name}”。"),
        Lang::En => format!("Saved as “{name}”."),
    }
}

pub fn opened_scenario(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("已打开“{name}”（可撤销）。"),
        Lang::En => format!("Opened “{name}” (Undo goes back)."),
    }
}

pub fn renamed_scenario(lang: Lang, from: &str, to: &str) -> String {
    match lang {
        Lang::Zh => format!("“{from}”已改名为“{to}”。"),
        Lang::En => format!("Renamed “{from}” to “{to}”."),
    }
}

pub fn deleted_scenario(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("已删除“{name}”。"),
        Lang::En => format!("Deleted “{name}”."),
    }
}

/// A corrupted part of the store, kept under another key.
pub fn set_aside(lang: Lang, reason: &str, key: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "存档中有内容无法读取（{reason}）：已原样另存于本地存储键“{key}”，没有删除；其余情景照常载入。"
        ),
        Lang::En => format!(
            "Part of the store could not be read ({reason}): it was kept as it was under the local-storage key “{key}”, not deleted; the other scenarios loaded as usual."
        ),
    }
}

/// The result of an import.
pub fn imported(lang: Lang, added: usize, file: &str) -> String {
    match lang {
        Lang::Zh => format!("已从“{file}”导入 {added} 个情景。"),
        Lang::En if added == 1 => format!("Imported 1 scenario from “{file}”."),
        Lang::En => format!("Imported {added} scenarios from “{file}”."),
    }
}

/// An entry of an imported file that was skipped.
pub fn import_skipped(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("已跳过一条无法读取的内容（文件本身未改动）：{reason}"),
        Lang::En => format!(
            "Skipped an entry that could not be read (the file itself is unchanged): {reason}"
        ),
    }
}

pub const PRESENT: Tr = tr("演示", "Present");
pub const PRESENT_HINT: Tr = tr(
    "全屏演示：标题页、每项目标一页、总结页",
    "Full-screen presentation: a title slide, one slide per target, a summary",
);
pub const PRESENTATION: Tr = tr("演示模式", "Presentation");
pub const SLIDE_PREV: Tr = tr("上一页", "Previous");
pub const SLIDE_NEXT: Tr = tr("下一页", "Next");
pub const PRESENT_EXIT: Tr = tr("退出演示", "Exit");
pub const PRESENT_KEYS: Tr = tr(
    "翻页：→ / PageDown 下一页，← / PageUp 上一页，Home / End 首页、末页；Esc 退出。",
    "→ / PageDown next, ← / PageUp previous, Home / End first and last; Esc exits.",
);
pub const KEY_ASSUMPTIONS: Tr = tr("关键假设", "Key assumptions");
pub const CHANGED_MARK: Tr = tr("已调整", "changed");
pub const STARTED_FROM: Tr = tr("起点", "Starting point");
pub const ALL_AT_DEFAULT: Tr = tr("全部假设参数为默认值。", "Every assumption at its default.");
pub const CHANGED_ASSUMPTIONS: Tr = tr("调整的假设", "Changed assumptions");
pub const SLIDE_BASELINE: Tr = tr("基期数据", "Baseline data");
pub const SLIDE_BUILT_IN_BASELINE: Tr = tr(
    "内置的鲤城区2024年基期（多为估算，来源见页面“数据来源”）。",
    "The built-in Licheng 2024 baseline (mostly estimates; sources on the page's “Sources” tab).",
);
pub const SLIDE_CUSTOM_BASELINE: Tr = tr(
    "自定义基期，结果不是内置基期的结果：",
    "A custom baseline; the results are not those of the built-in baseline:",
);
/// Under the target table, when some targets are projected exactly at their threshold and
/// their probability is about one half: why ("12 项目标…" / "3 targets are projected…").
pub fn at_threshold_note(lang: Lang, count: usize, low: f64, high: f64) -> String {
    let range = if low == high {
        format!("{low}%")
    } else {
        format!("{low}%–{high}%")
    };
    match (lang, count) {
        (Lang::Zh, _) => format!(
            "{count} 项目标的预测值恰好等于目标值（差距为 0），例如计划工作按计划数如期完成：实际结果可能略多也可能略少，所以这些目标的达成概率在一半左右（{range}）。"
        ),
        (Lang::En, 1) => format!(
            "1 target is projected exactly at its threshold (margin 0), for example when planned works are delivered exactly as planned: the outcome may fall a little either side, so its probability is about one half ({range})."
        ),
        (Lang::En, _) => format!(
            "{count} targets are projected exactly at their threshold (margin 0), for example when planned works are delivered exactly as planned: the outcome may fall a little either side, so their probability is about one half ({range})."
        ),
    }
}

/// The line on every target slide and the summary slide while a custom baseline is in use.
pub fn slide_custom_baseline_note(lang: Lang, items: &[String]) -> String {
    match lang {
        Lang::Zh => format!("自定义基期：{}", items.join("；")),
        Lang::En => format!("Custom baseline: {}", items.join("; ")),
    }
}
pub const PROBABILITY_PENDING: Tr = tr(
    "蒙特卡罗模拟尚未完成",
    "the Monte Carlo run has not finished",
);
pub const INTERVAL_80: Tr = tr("80% 区间", "80% interval");
pub const SUMMARY_SLIDE: Tr = tr("目标一览", "All targets at a glance");
pub const COMPARING_NOTE: Tr = tr(
    "正在对比：图中虚线为方案A。",
    "Comparing: scenario A is dashed in the charts.",
);

/// "Slide 3 of 16".
pub fn slide_of(lang: Lang, i: usize, n: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {i} 页，共 {n} 页"),
        Lang::En => format!("Slide {i} of {n}"),
    }
}

/// "9 of 14 targets met".
pub fn targets_met(lang: Lang, met: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("{total} 项目标中达成 {met} 项"),
        Lang::En => format!("{met} of {total} targets met"),
    }
}

pub const EXPORT_HEADING: Tr = tr("导出与打印", "Export and print");
pub const EXPORT_RESULTS: Tr = tr("结果", "Results");
pub const EXPORT_CSV: Tr = tr("CSV", "CSV");
pub const EXPORT_JSON: Tr = tr("JSON", "JSON");
pub const EXPORT_CSV_HINT: Tr = tr(
    "逐年结果与目标表，与命令行 licheng project --format csv 的输出相同",
    "Yearly results and the target table, the same as the command line's licheng project --format csv",
);
pub const EXPORT_CHARTS: Tr = tr("图表", "Charts");
pub const PRINT_HANDOUT: Tr = tr("打印讲义（A4）", "Print a handout (A4)");
pub const EXPORT_FAILED: Tr = tr("导出失败：", "Export failed: ");
pub const EXPORT_FAILED_REASON: Tr = tr(
    "浏览器未能生成该文件。请重试；仍失败可改用“打印讲义”或换用其他浏览器。",
    "the browser could not make the file. Try again; if it still fails, use Print a handout or another browser.",
);
pub const HANDOUT_SCENARIO: Tr = tr("情景说明", "The scenario");

/// The accessible name of a chart's export button: "下载“常住人口”（SVG）".
pub fn export_chart(lang: Lang, title: &str, format: &str) -> String {
    match lang {
        Lang::Zh => format!("下载“{title}”（{format}）"),
        Lang::En => format!("Download “{title}” ({format})"),
    }
}

/// A lever with its default: "净迁入：3000 人/年（默认 1200 人/年）".
pub fn lever_with_default(lang: Lang, label: &str, value: &str, default: &str) -> String {
    match lang {
        Lang::Zh => format!("{label}：{value}（默认 {default}）"),
        Lang::En => format!("{label}: {value} (default {default})"),
    }
}

// Reported figures (实际完成) and progress against schedule.
pub const ACTUALS_HEADING: Tr = tr("实际完成（已发生年份）", "Actuals (years passed)");
pub const ACTUALS_HINT: Tr = tr(
    "填入各部门报告的年度数（当年 12 月可填预计数，标“预计”）。填了实际数的年份不再预测：累计目标=实际数+其余年份的预测，逐年目标取该年实际数，年末常住人口与预测之差视为模型未计入的净迁移，按迁移年龄模式计入该年年末。蒙特卡洛只抽取仍未知的部分。",
    "Enter the year's figure each department reported (in December the year's estimate, marked preliminary). A year with a figure is no longer projected: a cumulative target is the figures plus the projection of the other years, a yearly target takes that year's figure, and a year-end population's difference from the projection counts as net migration the model missed, added at that year's end by the migration age profile. The Monte Carlo draws only what is still unknown.",
);
pub const ACTUALS_POPULATION: Tr = tr("年末常住人口", "Year-end resident population");
pub const ACTUALS_GROWTH_NOTE: Tr = tr("常住人口增速由此算出", "resident growth follows from it");
pub const ACTUALS_NOTE: Tr = tr("来源（可选）", "Source (optional)");
pub const ACTUALS_MODEL: Tr = tr("模型", "model");
pub const ACTUALS_PRELIMINARY: Tr = tr("预计", "prelim.");
pub const ACTUALS_CLEAR: Tr = tr("清除全部实际数", "Clear all actuals");
pub const ACTUALS_REFUSED: Tr = tr("未采用：", "Not taken: ");
pub const ACTUALS_NONE_YET: Tr = tr(
    "尚无已过去的规划年份可填实际数。",
    "No plan year has passed yet to report on.",
);
pub const COL_PROGRESS: Tr = tr("序时进度", "Progress to date");

/// The "as of" line: what is reported and what is projected.
pub fn as_of_text(lang: Lang, latest: Option<i32>, as_of: i32, base_year: i32) -> String {
    match (latest, lang) {
        (None, Lang::Zh) => format!(
            "数据截至 {base_year} 年末（基期），{}—2028 年均为预测",
            base_year + 1
        ),
        (None, Lang::En) => format!(
            "Data as of end-{base_year} (base year); {}–2028 projected",
            base_year + 1
        ),
        (Some(y), Lang::Zh) => format!(
            "实际数截至 {y} 年{}，{}—2028 年为预测",
            if y == as_of {
                "（当年为预计数）"
            } else {
                ""
            },
            y + 1
        ),
        (Some(y), Lang::En) => format!(
            "Reported figures through {y}{}; {}–2028 projected",
            if y == as_of {
                " (that year preliminary)"
            } else {
                ""
            },
            y + 1
        ),
    }
}

/// "still needed" in words: what each remaining year must deliver.
pub fn still_needed_text(lang: Lang, from: i32, to: i32, amount: &str, evaluate: &str) -> String {
    let years = if from == to {
        format!("{from}")
    } else {
        format!("{from}{}{to}", lang_dash(lang))
    };
    match (lang, evaluate) {
        (Lang::Zh, "average") => format!("{years}年需年均增长 {amount}"),
        (Lang::Zh, "each_year") => format!("{years}年每年需达到 {amount}"),
        (Lang::Zh, "final") => format!("{years}年需年均提高 {amount}"),
        (Lang::Zh, _) => format!("{years}年需年均新增 {amount}"),
        (Lang::En, "average") => format!("{years}: average growth of {amount} needed"),
        (Lang::En, "each_year") => format!("{years}: {amount} needed each year"),
        (Lang::En, "final") => format!("{years}: a gain of {amount} a year needed"),
        (Lang::En, _) => format!("{years}: {amount} a year needed"),
    }
}

/// The dash between two years: 2027—2028, 2027–2028.
fn lang_dash(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "—",
        Lang::En => "–",
    }
}

/// Counts of targets by progress level.
pub fn progress_counts(lang: Lang, on_track: usize, lagging: usize, behind: usize) -> String {
    match lang {
        Lang::Zh => {
            format!("序时进度：达到 {on_track} 项、略滞后 {lagging} 项、明显滞后 {behind} 项")
        }
        Lang::En => format!("Progress: {on_track} on track, {lagging} lagging, {behind} behind"),
    }
}

/// Counts of targets by status (the no-record count only when there is one).
pub fn status_counts(lang: Lang, total: usize, c: crate::scenario::status::Counts) -> String {
    let (likely, at_risk, unlikely, no_record) = (c.likely, c.at_risk, c.unlikely, c.no_record);
    match (lang, no_record) {
        (Lang::Zh, 0) => format!(
            "{total} 项目标：很可能达成 {likely} 项，有风险 {at_risk} 项，难以达成 {unlikely} 项"
        ),
        (Lang::Zh, _) => format!(
            "{total} 项目标：很可能达成 {likely} 项，有风险 {at_risk} 项，难以达成 {unlikely} 项，无完成记录（未给出概率）{no_record} 项"
        ),
        (Lang::En, 0) => {
            format!("{total} targets: {likely} likely met, {at_risk} at risk, {unlikely} unlikely")
        }
        (Lang::En, _) => format!(
            "{total} targets: {likely} likely met, {at_risk} at risk, {unlikely} unlikely, {no_record} with no delivery record (no probability given)"
        ),
    }
}

/// The targets given no probability for want of a delivery record, as the briefing lists them.
pub fn no_record_list(lang: Lang, labels: &[&str]) -> String {
    match lang {
        Lang::Zh => format!(
            "无完成记录、未给出概率的 {} 项（录入 2025、2026 年实际完成数后给出）：{}",
            labels.len(),
            labels.join("、")
        ),
        Lang::En => format!(
            "{} with no delivery record, so no probability (given once the 2025 and 2026 figures are entered): {}",
            labels.len(),
            labels.join("; ")
        ),
    }
}

pub const EXPORT_PROBABILITIES: Tr = tr("达成概率与状态", "Probabilities and status");
pub const EXPORT_PROBABILITIES_HINT: Tr = tr(
    "蒙特卡洛完成后可导出：各年份的分位数、每项目标的达成概率与三档状态，与命令行 licheng mc --format csv/json 在相同参数、抽样次数和随机种子下逐字节相同。",
    "Available once the Monte Carlo has finished: each year's percentiles and each target's probability and three-level status, byte for byte what licheng mc --format csv/json prints for the same scenario, draws and seed.",
);

/// The warning beside a goal-seek answer beyond the lever's documented range.
pub fn goalseek_outside_documented(lang: Lang, low: &str, high: &str) -> String {
    match lang {
        Lang::Zh => format!("此值超出该参数有据可查的范围（{low} 至 {high}）：需要超出以往经验的条件，请谨慎使用。"),
        Lang::En => format!("This value lies beyond the lever's documented range ({low} to {high}): it would take conditions outside past experience; use with care."),
    }
}

/// A target's verdict from the central run alone (before the Monte Carlo has results).
pub fn central_verdict(lang: Lang, met: bool) -> &'static str {
    match (lang, met) {
        (Lang::Zh, true) => "中心情景达到目标值",
        (Lang::Zh, false) => "中心情景未达到目标值",
        (Lang::En, true) => "reaches the threshold in the central run",
        (Lang::En, false) => "short of the threshold in the central run",
    }
}

pub const SCENARIO_NAME: Tr = tr("情景名称", "Scenario name");
pub const SCENARIO_A_NAME: Tr = tr("情景 A 名称", "Scenario A name");
pub const SCENARIO_UNNAMED: Tr = tr("未命名情景", "Unnamed scenario");

/// A date as the page writes it: 2026年12月1日, 1 December 2026.
pub fn date_text(lang: Lang, year: i32, month: u32, day: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Zh => format!("{year}年{month}月{day}日"),
        Lang::En => format!("{day} {} {year}", MONTHS[(month.clamp(1, 12) - 1) as usize]),
    }
}

pub const ATTENTION_HEADING: Tr = tr("需关注", "Needs attention");
pub const ATTENTION_NONE: Tr = tr(
    "没有处于“有风险”或“难以达成”的目标。",
    "No target is at risk or unlikely.",
);

pub const SHARE_LOCAL_WARNING: Tr = tr(
    "此页面打开自本机地址（localhost / 127.0.0.1）：手机扫码或同事打开此链接都无法访问。请先把 dist/ 放到大家都能访问的网站上，再从那里分享。",
    "This page was opened from this computer's own address (localhost / 127.0.0.1): a phone scanning the code, or a colleague opening the link, cannot reach it. Put dist/ on a web server others can reach and share from there.",
);

pub const ASSUMPTIONS_SHOW: Tr = tr("调整假设与基期数据 ▾", "Adjust assumptions and baseline ▾");
pub const ASSUMPTIONS_HIDE: Tr = tr("收起假设 ▴", "Hide assumptions ▴");

pub const EXPORT_MEETING: Tr = tr("会议材料", "Meeting papers");
pub const EXPORT_MEETING_CSV: Tr = tr("表格（CSV，Excel/WPS）", "Table (CSV, Excel/WPS)");
pub const EXPORT_MEETING_HINT: Tr = tr(
    "中文表头、按页面显示取整，含达成概率与状态、序时进度、全部参数和基期数据；UTF-8（带 BOM），Excel 与 WPS 直接打开。上面的 CSV/JSON 是与命令行逐字节相同的机器可读格式。",
    "Headers in the page's language, numbers rounded as the page shows them, with probabilities, statuses, progress, every assumption and the baseline figures; UTF-8 with a byte-order mark, so Excel and WPS open it directly. The CSV/JSON above are the machine-readable files, byte for byte the CLI's.",
);

pub const CHART_SOURCE: Tr = tr(
    "来源：鲤城区新型城镇化情景模拟（模型预测；基期数据与参数的来源及估算方法见“数据来源”页）",
    "Source: Licheng urbanisation scenario workbench (model projection; sources and estimates of the baseline and assumptions in its Sources tab)",
);

/// The link's language code for the page's language.
pub fn to_link_lang(lang: Lang) -> crate::scenario::link::LinkLang {
    match lang {
        Lang::Zh => crate::scenario::link::LinkLang::Zh,
        Lang::En => crate::scenario::link::LinkLang::En,
    }
}

/// The page's language for a link's language code.
pub fn from_link_lang(lang: crate::scenario::link::LinkLang) -> Lang {
    match lang {
        crate::scenario::link::LinkLang::Zh => Lang::Zh,
        crate::scenario::link::LinkLang::En => Lang::En,
    }
}
