//! Named scenarios an analyst starts from: the baseline, demographic variants, and policy
//! packages drawn from the work plan's tasks. Each is a list of lever overrides on the defaults.

use crate::model::levers::{LeverId as L, Levers};

/// A preset: stable id, labels, a one-sentence explanation and its overrides.
pub struct Preset {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub explain_zh: &'static str,
    pub explain_en: &'static str,
    pub overrides: &'static [(L, f64)],
}

impl Preset {
    /// The lever values of this preset.
    pub fn levers(&self) -> Levers {
        Levers::with_overrides(self.overrides)
            .expect("preset values are inside their ranges (tested)")
    }

    /// Looks a preset up by id.
    pub fn by_id(id: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.id == id)
    }
}

/// Every preset, in display order.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "baseline",
        label_zh: "基准情景",
        label_en: "Baseline",
        explain_zh: "所有参数取默认值：人口、经济按近年趋势，各项工程按工作要点计划推进。",
        explain_en: "Every lever at its default: population and economy on recent trends, planned works delivered as the plan says.",
        overrides: &[],
    },
    Preset {
        id: "low-migration",
        label_zh: "低迁入",
        label_en: "Low migration",
        explain_zh: "净迁入降至零（泉州全市增长停滞时的情形）。",
        explain_en: "Net migration falls to zero, as if Quanzhou's growth stalled.",
        overrides: &[(L::NetMigration, 0.0)],
    },
    Preset {
        id: "high-migration",
        label_zh: "高迁入",
        label_en: "High migration",
        explain_zh: "净迁入回到2010年代水平，每年约2500人。",
        explain_en: "Net migration returns to its 2010s level, about 2,500 a year.",
        overrides: &[(L::NetMigration, 2500.0)],
    },
    Preset {
        id: "low-fertility",
        label_zh: "低生育",
        label_en: "Low fertility",
        explain_zh: "总和生育率降至0.65，接近国内大城市中心城区水平。",
        explain_en: "Fertility falls to 0.65, near the level of China's big-city cores.",
        overrides: &[(L::Tfr, 0.65)],
    },
    Preset {
        id: "high-fertility",
        label_zh: "高生育",
        label_en: "High fertility",
        explain_zh: "总和生育率回升至0.95（育儿支持政策见效）。",
        explain_en: "Fertility recovers to 0.95 as childcare support takes effect.",
        overrides: &[(L::Tfr, 0.95)],
    },
    Preset {
        id: "hukou-and-housing",
        label_zh: "落户放开+新市民安居",
        label_en: "Open hukou + housing for new citizens",
        explain_zh: "任务（一）（四）：全面放开落户使净迁入增至每年2500人，保障性住房每年供给250套，新市民本地参保率提高到85%。",
        explain_en: "Tasks 1 and 4: fully open settlement lifts net migration to 2,500 a year, affordable housing rises to 250 units a year, and 85 % of newcomers are insured locally.",
        overrides: &[(L::NetMigration, 2500.0), (L::AffordableSupply, 250.0), (L::InsuranceNewcomers, 85.0)],
    },
    Preset {
        id: "jobs-and-schools",
        label_zh: "稳就业+扩学位",
        label_en: "Jobs drive + school places",
        explain_zh: "任务（二）（三）：就业扶持使岗位更替率升至2.6%、劳动参与率升至74%，2026—2028年每年新增公办学位1500个。",
        explain_en: "Tasks 2 and 3: employment support lifts job replacement to 2.6 % and participation to 74 %, and 1,500 public school places open each year 2026–2028.",
        overrides: &[(L::Turnover, 2.6), (L::Participation, 74.0), (L::SchoolPlaces, 1500.0)],
    },
    Preset {
        id: "insurance-drive",
        label_zh: "医保扩面",
        label_en: "Insurance enrolment drive",
        explain_zh: "任务（六）：每年动员30%的未参保者参保，断保率降至0.8%。",
        explain_en: "Task 6: each year 30 % of the uninsured are enrolled and the lapse rate falls to 0.8 %.",
        overrides: &[(L::InsuranceEffort, 30.0), (L::InsuranceLapse, 0.8)],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_ids_are_unique() {
        for (i, p) in PRESETS.iter().enumerate() {
            let _ = p.levers();
            assert!(PRESETS[i + 1..].iter().all(|q| q.id != p.id));
            assert_eq!(Preset::by_id(p.id).map(|q| q.id), Some(p.id));
        }
    }
}
