//! Results as rows: the yearly projection columns and the target table, in text, CSV and JSON,
//! shared by the CLI and the page's exports so that both print the same numbers.

use super::baseline_edits::STOCKS;
use super::engine::{Engine, Run};
use super::error::InputError;
use crate::model::levers::{LeverId, Levers};
use crate::model::projection::YearResult;
use serde_json::{json, Value};

/// A projection column: key, labels, and how to read it from a year.
pub struct Column {
    pub key: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub read: fn(&YearResult) -> f64,
}

macro_rules! col {
    ($key:literal, $zh:literal, $en:literal, $field:ident) => {
        Column {
            key: $key,
            label_zh: $zh,
            label_en: $en,
            read: |y: &YearResult| y.$field,
        }
    };
}

/// Every yearly column, in display order.
pub const COLUMNS: &[Column] = &[
    col!("population", "常住人口", "Resident population", population),
    col!("growth_pct", "增速%", "Growth %", growth_pct),
    col!("births", "出生", "Births", births),
    col!("deaths", "死亡", "Deaths", deaths),
    col!("net_migrants", "净迁入", "Net migrants", net_migrants),
    col!("aged_0_14", "0—14岁", "Aged 0–14", aged_0_14),
    col!("aged_15_64", "15—64岁", "Aged 15–64", aged_15_64),
    col!("aged_65_plus", "65岁及以上", "Aged 65+", aged_65_plus),
    col!("labour_force", "劳动力", "Labour force", labour_force),
    col!("employed", "就业人员", "Employed", employed),
    col!(
        "employment_demand",
        "岗位需求",
        "Jobs demanded",
        employment_demand
    ),
    col!(
        "new_urban_jobs",
        "城镇新增就业",
        "New urban jobs",
        new_urban_jobs
    ),
    col!("households", "家庭户", "Households", households),
    col!(
        "housing_need",
        "新增住房需求",
        "New housing need",
        housing_need
    ),
    col!(
        "affordable_need",
        "保障房需求",
        "Affordable housing need",
        affordable_need
    ),
    col!(
        "affordable_supply",
        "保障房供给",
        "Affordable housing supply",
        affordable_supply
    ),
    col!(
        "affordable_coverage_pct",
        "保障房覆盖%",
        "Affordable coverage %",
        affordable_coverage_pct
    ),
    col!("primary_pupils", "小学生", "Primary pupils", primary_pupils),
    col!("junior_pupils", "初中生", "Junior pupils", junior_pupils),
    col!(
        "primary_capacity",
        "公办小学学位",
        "Public primary places",
        primary_capacity
    ),
    col!(
        "junior_capacity",
        "公办初中学位",
        "Public junior places",
        junior_capacity
    ),
    col!(
        "migrant_pupils",
        "随迁子女",
        "Migrant pupils",
        migrant_pupils
    ),
    col!(
        "migrant_public_pct",
        "随迁子女公办就读%",
        "Migrant pupils in public %",
        migrant_public_pct
    ),
    col!(
        "teachers_needed",
        "所需教师",
        "Teachers needed",
        teachers_needed
    ),
    col!(
        "insurance_pct",
        "医保参保率%",
        "Insurance participation %",
        insurance_pct
    ),
];

/// Parses `key=value` overrides (CLI `--set`, scenario files). Errors name the key.
pub fn parse_override(text: &str) -> Result<(LeverId, f64), InputError> {
    let (key, value) = text.split_once('=').ok_or_else(|| {
        InputError::new(
            text,
            "应为 参数=数值，例如 mig=3000",
            "should be key=value, e.g. mig=3000",
        )
    })?;
    let id = LeverId::from_key(key.trim()).ok_or_else(|| {
        InputError::new(
            key,
            "未知参数（运行 licheng levers 查看全部）",
            "unknown lever (run 'licheng levers' for the list)",
        )
    })?;
    let v: f64 = value.trim().parse().map_err(|_| {
        InputError::new(
            key,
            format!("“{value}”不是数字"),
            format!("'{value}' is not a number"),
        )
    })?;
    Ok((id, v))
}

/// Formats a number for tables: whole numbers for counts, two decimals below 100.
pub fn number(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// The yearly projection as an aligned text table (one row per year).
pub fn projection_table(run: &Run, lang: &str) -> String {
    let mut out = String::new();
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|c| if lang == "zh" { c.label_zh } else { c.key })
        .collect();
    out.push_str(&format!(
        "{:<6}",
        if lang == "zh" { "年份" } else { "year" }
    ));
    for h in &header {
        out.push_str(&format!(" {h:>12}"));
    }
    out.push('\n');
    for y in &run.projection.years {
        out.push_str(&format!("{:<6}", y.year));
        for c in COLUMNS {
            out.push_str(&format!(" {:>12}", number((c.read)(y))));
        }
        out.push('\n');
    }
    out
}

/// The yearly projection as CSV (full precision).
pub fn projection_csv(run: &Run) -> String {
    let mut out = String::from("year");
    for c in COLUMNS {
        out.push(',');
        out.push_str(c.key);
    }
    out.push('\n');
    for y in &run.projection.years {
        out.push_str(&y.year.to_string());
        for c in COLUMNS {
            out.push_str(&format!(",{}", (c.read)(y)));
        }
        out.push('\n');
    }
    out
}

/// One row of the target table.
pub struct TargetRow {
    pub id: String,
    pub clause: u32,
    pub label_zh: String,
    pub label_en: String,
    pub unit_en: String,
    pub comparator: String,
    pub value: f64,
    pub threshold: f64,
    pub threshold_high: f64,
    pub met: bool,
    pub gap: f64,
    /// Progress on the reported years, if the target's first year is reported.
    pub progress: Option<crate::model::targets::Progress>,
}

impl TargetRow {
    /// The progress fields as files carry them: value to date, schedule to date, still needed
    /// per year, status id (`None` each without reported figures).
    fn progress_fields(&self) -> (Option<f64>, Option<f64>, Option<f64>, Option<&'static str>) {
        match &self.progress {
            None => (None, None, None, None),
            Some(p) => (
                Some(p.to_date),
                Some(p.schedule),
                p.still_needed_per_year,
                Some(super::status::progress::id(p.status)),
            ),
        }
    }
}

/// The target table of a run.
pub fn target_rows(engine: &Engine, run: &Run) -> Vec<TargetRow> {
    engine
        .plan()
        .targets
        .iter()
        .zip(&run.outcomes)
        .zip(&run.progress)
        .map(|((t, o), progress)| TargetRow {
            id: t.id.clone(),
            clause: t.clause,
            label_zh: t.label_zh.clone(),
            label_en: t.label_en.clone(),
            unit_en: t.unit_en.clone(),
            comparator: t.comparator.clone(),
            value: o.value,
            threshold: o.threshold,
            threshold_high: o.threshold_high,
            met: o.met,
            gap: o.gap,
            progress: *progress,
        })
        .collect()
}

/// The target table as aligned text.
pub fn targets_table(rows: &[TargetRow], lang: &str) -> String {
    let zh = lang == "zh";
    let mut out = if zh {
        format!(
            "{:<36} {:>6} {:>12} {:>4} {:>12} {:>6} {:>12}\n",
            "目标", "条款", "预测值", "", "目标值", "达成", "差距"
        )
    } else {
        format!(
            "{:<36} {:>6} {:>12} {:>4} {:>12} {:>6} {:>12}\n",
            "target", "clause", "value", "", "threshold", "met", "gap"
        )
    };
    let mut progress_lines = String::new();
    for r in rows {
        if let Some(p) = &r.progress {
            let status = super::status::progress::label(p.status, zh);
            let needed = p
                .still_needed_per_year
                .map_or_else(|| "—".to_string(), number);
            let (through, schedule, needed_word) = if zh {
                ("截至", "序时", "此后每年需")
            } else {
                ("through", "schedule", "needed a year from then")
            };
            progress_lines.push_str(&format!(
                "{:<36} {through} {} {} / {schedule} {}, {status}; {needed_word} {needed}\n",
                r.id,
                p.through,
                number(p.to_date),
                number(p.schedule),
            ));
        }
        let threshold = if r.comparator == "between" {
            format!("{}–{}", number(r.threshold), number(r.threshold_high))
        } else {
            number(r.threshold)
        };
        let met = match (r.met, zh) {
            (true, true) => "是",
            (false, true) => "否",
            (true, false) => "yes",
            (false, false) => "NO",
        };
        out.push_str(&format!(
            "{:<36} {:>6} {:>12} {:>4} {:>12} {:>6} {:>12}\n",
            r.id,
            r.clause,
            number(r.value),
            r.comparator,
            threshold,
            met,
            number(r.gap)
        ));
    }
    if !progress_lines.is_empty() {
        out.push('\n');
        out.push_str(super::status::progress::thresholds_text(zh));
        out.push('\n');
        out.push_str(&progress_lines);
    }
    out
}

/// The target table as CSV (full precision).
pub fn targets_csv(rows: &[TargetRow]) -> String {
    let mut out = String::from(
        "id,clause,value,comparator,threshold,threshold_high,met,gap,\
         actual_to_date,schedule_to_date,still_needed_per_year,progress_status\n",
    );
    let cell = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    for r in rows {
        let (to_date, schedule, needed, status) = r.progress_fields();
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{}\n",
            r.id,
            r.clause,
            r.value,
            r.comparator,
            r.threshold,
            r.threshold_high,
            r.met,
            r.gap,
            cell(to_date),
            cell(schedule),
            cell(needed),
            status.unwrap_or("")
        ));
    }
    out
}

/// The whole run as JSON: the baseline (embedded or custom) and its single-number figures, the
/// levers that differ from the defaults, the projection and the targets.
pub fn run_json(engine: &Engine, run: &Run, levers: &Levers) -> Value {
    let years: Vec<Value> = run
        .projection
        .years
        .iter()
        .map(|y| {
            let mut m = serde_json::Map::new();
            m.insert("year".into(), json!(y.year));
            for c in COLUMNS {
                m.insert(c.key.into(), json!((c.read)(y)));
            }
            Value::Object(m)
        })
        .collect();
    let targets: Vec<Value> = target_rows(engine, run)
        .iter()
        .map(|r| {
            let (to_date, schedule, needed, status) = r.progress_fields();
            json!({"id": r.id, "clause": r.clause, "label_zh": r.label_zh, "label_en": r.label_en,
                   "unit": r.unit_en, "comparator": r.comparator, "value": r.value,
                   "threshold": r.threshold, "threshold_high": r.threshold_high, "met": r.met, "gap": r.gap,
                   "reported_through": r.progress.map(|p| p.through),
                   "actual_to_date": to_date, "schedule_to_date": schedule,
                   "still_needed_per_year": needed, "progress_status": status})
        })
        .collect();
    let changed: serde_json::Map<String, Value> = levers
        .changed()
        .iter()
        .map(|(id, v)| (id.spec().key.to_string(), json!(v)))
        .collect();
    let figures: serde_json::Map<String, Value> = STOCKS
        .iter()
        .map(|s| (s.key.to_string(), json!(engine.baseline().stock(s.stock))))
        .collect();
    let actuals: Vec<Value> = engine
        .actual_entries()
        .iter()
        .map(|e| json!({"key": e.key, "year": e.year, "value": e.value}))
        .collect();
    json!({
        "baseline": if engine.is_custom_baseline() { "custom" } else { "licheng-2024" },
        "actuals": actuals,
        "baseline_figures": figures,
        "levers_changed": changed,
        "projection": years,
        "targets": targets,
    })
}
