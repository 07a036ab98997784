//! What the methods tab says about the Monte Carlo's distributions and correlations, from the
//! model's own tables (`LEVERS`, `montecarlo`'s constants), so the text cannot drift from them.

use super::i18n::Lang;
use crate::model::levers::{LeverId, Spread, LEVERS};
use crate::model::montecarlo::{
    RHO_GDP_TURNOVER, RHO_LIFE_EXPECTANCY, RHO_MIGRATION_GDP, RHO_MIGRATION_QUANZHOU,
};

/// The levers drawn from each distribution, in lever-table order; distributions no lever uses
/// are left out. `Spread::Fixed` (held at the set value) comes last.
pub fn levers_by_distribution() -> Vec<(Spread, Vec<LeverId>)> {
    [
        Spread::Normal,
        Spread::LogNormal,
        Spread::BetaPercent,
        Spread::Triangular,
        Spread::Fixed,
    ]
    .into_iter()
    .map(|spread| {
        let levers = LEVERS
            .iter()
            .filter(|spec| spec.spread == spread)
            .map(|spec| spec.id)
            .collect::<Vec<_>>();
        (spread, levers)
    })
    .filter(|(_, levers)| !levers.is_empty())
    .collect()
}

/// What a distribution is and what it is used for.
pub fn distribution_text(spread: Spread, lang: Lang) -> &'static str {
    match spread {
        Spread::Normal => lang.pick("正态分布（对称的量）", "Normal (symmetric quantities)"),
        Spread::LogNormal => lang.pick(
            "对数正态分布（只取正值、右偏的量）",
            "Log-normal (positive, right-skewed quantities)",
        ),
        Spread::BetaPercent => lang.pick(
            "贝塔分布（百分比，均值与离散度同正态）",
            "Beta (shares in percent, with the normal's mean and spread)",
        ),
        Spread::Triangular => lang.pick(
            "三角分布（计划工程的完成量，第10、50、90百分位恰为低值、设定值、高值）",
            "Triangular (delivery of planned works; its 10th, 50th and 90th percentiles are exactly low, set value and high)",
        ),
        Spread::Fixed => lang.pick("不抽样（取设定值）", "Not drawn (held at the set value)"),
    }
}

/// The correlations the Monte Carlo models, as the model has them.
pub fn correlation_text(lang: Lang) -> String {
    let label = |id: LeverId| lang.pick(id.spec().label_zh, id.spec().label_en);
    let (mig, gdp, qz, e0f, e0m, to) = (
        label(LeverId::NetMigration),
        label(LeverId::GdpGrowth),
        label(LeverId::QuanzhouGrowth),
        label(LeverId::E0Female),
        label(LeverId::E0Male),
        label(LeverId::Turnover),
    );
    match lang {
        Lang::Zh => format!(
            "相关性（高斯 copula，标准正态分数的相关系数）：{mig}与{gdp}同向变动（就业吸引人口迁入），ρ = {RHO_MIGRATION_GDP}；{mig}与{qz}同向变动（同受全市吸引力影响），ρ = {RHO_MIGRATION_QUANZHOU}；{e0f}与{e0m}，ρ = {RHO_LIFE_EXPECTANCY}；{gdp}与{to}，ρ = {RHO_GDP_TURNOVER}。这些值为本工具的估算，并非公布数据；其余参数相互独立。"
        ),
        Lang::En => format!(
            "Correlation (Gaussian copulas over the standard normal scores): {mig} and {gdp} move together (jobs attract migrants), ρ = {RHO_MIGRATION_GDP}; {mig} and {qz} (both follow the city's pull), ρ = {RHO_MIGRATION_QUANZHOU}; {e0f} and {e0m}, ρ = {RHO_LIFE_EXPECTANCY}; {gdp} and {to}, ρ = {RHO_GDP_TURNOVER}. These values are our estimates, not published figures; all other levers are independent."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{correlation_text, levers_by_distribution};
    use crate::model::levers::{Spread, LEVERS};
    use crate::model::montecarlo::{
        RHO_GDP_TURNOVER, RHO_LIFE_EXPECTANCY, RHO_MIGRATION_GDP, RHO_MIGRATION_QUANZHOU,
    };
    use crate::ui::i18n::Lang;

    #[test]
    fn the_uncertainty_panel_lists_every_lever_once_under_its_own_distribution() {
        let groups = levers_by_distribution();
        let listed: Vec<_> = groups
            .iter()
            .flat_map(|(_, ids)| ids.iter().copied())
            .collect();
        assert_eq!(listed.len(), LEVERS.len(), "every lever, once");
        for spec in &LEVERS {
            let (spread, _) = groups
                .iter()
                .find(|(_, ids)| ids.contains(&spec.id))
                .expect("listed");
            assert_eq!(
                *spread, spec.spread,
                "{} under the wrong distribution",
                spec.key
            );
        }
        // The table uses every kind; a kind no lever uses would be left out.
        assert_eq!(groups.len(), 5);
        assert_eq!(groups.last().map(|(s, _)| *s), Some(Spread::Fixed));
    }

    #[test]
    fn the_stated_correlation_is_the_models() {
        for lang in [Lang::Zh, Lang::En] {
            let text = correlation_text(lang);
            for rho in [
                RHO_MIGRATION_GDP,
                RHO_MIGRATION_QUANZHOU,
                RHO_LIFE_EXPECTANCY,
                RHO_GDP_TURNOVER,
            ] {
                assert!(text.contains(&format!("ρ = {rho}")), "{rho}: {text}");
            }
        }
        assert!(correlation_text(Lang::En).contains("Net migration per year"));
        assert!(correlation_text(Lang::Zh).contains("年净迁入人口"));
    }
}
