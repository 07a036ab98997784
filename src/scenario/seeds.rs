//! The embedded seeds: the work plan (tasks and targets) and the Licheng baseline (figures with
//! provenance, population table), compiled into the binary from `seeds/` (the TOML converted to
//! JSON by build.rs) so that nothing is read or fetched at run time.

use super::error::InputError;
use super::population_csv;
use crate::model::baseline::Baseline;
use crate::model::levers::LeverId;
use crate::model::targets::{Comparator, Evaluation, Metric, Target};
use serde::{Deserialize, Serialize};

/// `seeds/workplan.toml`, converted to JSON by build.rs and embedded.
pub const WORKPLAN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/workplan.json"));
/// `seeds/baseline.toml`, converted to JSON by build.rs and embedded.
pub const BASELINE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/baseline.json"));
/// `seeds/baseline-population-2024.csv`, embedded.
pub const POPULATION_CSV: &str = include_str!("../../seeds/baseline-population-2024.csv");

/// The document's metadata.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Document {
    pub title_zh: String,
    pub title_en: String,
    pub doc_number: String,
    pub issued: String,
}

/// A chapter of the plan.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Section {
    pub number: u32,
    pub heading_zh: String,
    pub heading_en: String,
}

/// One of the 32 numbered tasks.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Task {
    pub number: u32,
    pub clause_zh: String,
    pub section: u32,
    pub title_zh: String,
    pub title_en: String,
    pub units_zh: Vec<String>,
    pub units_en: Vec<String>,
}

/// A quantitative target as written in `seeds/workplan.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct TargetDef {
    pub id: String,
    /// Task number (0 = 主要目标).
    pub clause: u32,
    pub metric: String,
    pub comparator: String,
    pub threshold: f64,
    #[serde(default)]
    pub threshold_high: Option<f64>,
    #[serde(default)]
    pub threshold_lever: Option<String>,
    pub period: String,
    pub evaluate: String,
    pub year_start: i32,
    pub year_end: i32,
    pub unit_zh: String,
    pub unit_en: String,
    pub label_zh: String,
    pub label_en: String,
    pub units_zh: Vec<String>,
    pub units_en: Vec<String>,
    pub kind: String,
}

/// The whole plan.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct WorkPlan {
    pub document: Document,
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
    #[serde(rename = "task")]
    pub tasks: Vec<Task>,
    #[serde(rename = "target")]
    pub targets: Vec<TargetDef>,
}

/// Baseline metadata.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct BaselineMeta {
    pub base_year: i32,
    pub basis_zh: String,
    pub basis_en: String,
    pub note_zh: String,
    pub note_en: String,
}

/// One baseline figure with its provenance.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Figure {
    pub id: String,
    pub value: f64,
    pub unit_zh: String,
    pub unit_en: String,
    #[serde(default)]
    pub year: Option<i32>,
    pub label_zh: String,
    pub label_en: String,
    /// `official` or `estimate`.
    pub status: String,
    pub confidence: String,
}

/// The tasks' full texts, by task number (`[text_zh]`), and the figures' sources and methods, by
/// figure id (`[source, method_zh, method_en]`): written by build.rs beside the JSON, so that
/// only the views that show them carry them.
static TASK_TEXTS: &[(u32, [Option<&str>; 1])] =
    include!(concat!(env!("OUT_DIR"), "/task_texts.rs"));
static FIGURE_TEXTS: &[(&str, [Option<&str>; 3])] =
    include!(concat!(env!("OUT_DIR"), "/figure_texts.rs"));
/// The targets' quotes and our readings of them, by target id (`[quote_zh, reading_zh, reading_en]`).
static TARGET_TEXTS: &[(&str, [Option<&str>; 3])] =
    include!(concat!(env!("OUT_DIR"), "/target_texts.rs"));

/// The texts of item `id` in one of the tables above (`None` for each it does not have; build.rs
/// fails on a seed without a required one).
fn texts_of<K: PartialEq + Copy, const N: usize>(
    table: &[(K, [Option<&'static str>; N])],
    id: K,
) -> [Option<&'static str>; N] {
    table
        .iter()
        .find(|(key, _)| *key == id)
        .map_or([None; N], |(_, texts)| *texts)
}

impl TargetDef {
    fn texts(&self) -> [Option<&'static str>; 3] {
        texts_of(TARGET_TEXTS, self.id.as_str())
    }

    /// The plan's sentence the target comes from.
    pub fn quote_zh(&self) -> &'static str {
        self.texts()[0].unwrap_or_default()
    }

    /// How the tool reads that sentence, in Chinese.
    pub fn reading_zh(&self) -> &'static str {
        self.texts()[1].unwrap_or_default()
    }

    /// How the tool reads that sentence, in English.
    pub fn reading_en(&self) -> &'static str {
        self.texts()[2].unwrap_or_default()
    }
}

impl Task {
    /// The task's full text as the plan words it.
    pub fn text_zh(&self) -> &'static str {
        let [text] = texts_of(TASK_TEXTS, self.number);
        text.unwrap_or_default()
    }
}

impl Figure {
    fn texts(&self) -> [Option<&'static str>; 3] {
        texts_of(FIGURE_TEXTS, self.id.as_str())
    }

    /// Where the figure comes from: the quoted sentence and where it is, or how it was estimated.
    pub fn source(&self) -> &'static str {
        self.texts()[0].unwrap_or_default()
    }

    /// How an estimate was made, in Chinese.
    pub fn method_zh(&self) -> Option<&'static str> {
        self.texts()[1]
    }

    /// How an estimate was made, in English.
    pub fn method_en(&self) -> Option<&'static str> {
        self.texts()[2]
    }
}

/// `seeds/baseline.toml` as a whole.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct BaselineFigures {
    pub meta: BaselineMeta,
    #[serde(rename = "figure")]
    pub figures: Vec<Figure>,
}

impl BaselineFigures {
    /// The figure with this id.
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    fn value(&self, id: &str) -> Result<f64, InputError> {
        self.get(id).map(|f| f.value).ok_or_else(|| {
            InputError::new(
                id,
                "基期数据缺少此项",
                "this figure is missing from the baseline",
            )
        })
    }
}

fn json_error(file: &str, e: serde_json::Error) -> InputError {
    InputError::new(file, format!("无法解析：{e}"), format!("cannot parse: {e}"))
}

/// Parses the work plan (the JSON form of `seeds/workplan.toml`).
pub fn parse_workplan(json: &str) -> Result<WorkPlan, InputError> {
    serde_json::from_str(json).map_err(|e| json_error("workplan", e))
}

/// Parses the baseline figures (the JSON form of `seeds/baseline.toml`).
pub fn parse_baseline_figures(json: &str) -> Result<BaselineFigures, InputError> {
    serde_json::from_str(json).map_err(|e| json_error("baseline", e))
}

/// The embedded work plan.
pub fn workplan() -> WorkPlan {
    parse_workplan(WORKPLAN_JSON).expect("seeds/workplan.toml is checked by the tests")
}

/// The embedded baseline figures.
pub fn baseline_figures() -> BaselineFigures {
    parse_baseline_figures(BASELINE_JSON).expect("seeds/baseline.toml is checked by the tests")
}

/// Builds the model baseline from figures and a population CSV.
pub fn build_baseline(
    figures: &BaselineFigures,
    population_csv: &str,
) -> Result<Baseline, InputError> {
    let population = population_csv::parse(population_csv)?;
    Ok(Baseline::new(
        figures.meta.base_year,
        population,
        figures.value("primary_capacity_2024")?,
        figures.value("junior_capacity_2024")?,
        figures.value("places_planned_2025")?,
        figures.value("medical_insurance_pct_2024")?,
    )?)
}

/// The embedded Licheng baseline.
pub fn licheng_baseline() -> Baseline {
    build_baseline(&baseline_figures(), POPULATION_CSV)
        .expect("the embedded baseline is checked by the tests")
}

impl TargetDef {
    /// The model's view of this target, validated.
    pub fn to_model(&self) -> Result<Target, InputError> {
        let here = |what: &str| format!("target {}.{what}", self.id);
        let metric = Metric::from_id(&self.metric).ok_or_else(|| {
            InputError::new(
                here("metric"),
                format!("未知指标 “{}”", self.metric),
                format!("unknown metric '{}'", self.metric),
            )
        })?;
        let comparator = match self.comparator.as_str() {
            ">" => Comparator::Greater,
            ">=" => Comparator::AtLeast,
            "<=" => Comparator::AtMost,
            "between" => Comparator::Between,
            other => {
                return Err(InputError::new(
                    here("comparator"),
                    format!("未知比较符 “{other}”"),
                    format!("unknown comparator '{other}'"),
                ))
            }
        };
        let evaluation = match self.evaluate.as_str() {
            "cumulative" => Evaluation::Cumulative,
            "each_year" => Evaluation::EachYear,
            "final" => Evaluation::Final,
            "average" => Evaluation::Average,
            other => {
                return Err(InputError::new(
                    here("evaluate"),
                    format!("未知计算方式 “{other}”"),
                    format!("unknown evaluation '{other}'"),
                ))
            }
        };
        let lever = match self.threshold_lever.as_deref() {
            None | Some("") => None,
            Some(name) => Some(lever_for_threshold(name).ok_or_else(|| {
                InputError::new(
                    here("threshold_lever"),
                    format!("未知参数 “{name}”"),
                    format!("unknown lever '{name}'"),
                )
            })?),
        };
        Ok(Target::new(
            metric,
            comparator,
            self.threshold,
            self.threshold_high.unwrap_or(self.threshold),
            lever,
            evaluation,
            self.year_start,
            self.year_end,
        )?)
    }
}

/// The lever a threshold refers to: a lever key, or the work plan's name `qz_growth`.
fn lever_for_threshold(name: &str) -> Option<LeverId> {
    match name {
        "qz_growth" => Some(LeverId::QuanzhouGrowth),
        key => LeverId::from_key(key),
    }
}
