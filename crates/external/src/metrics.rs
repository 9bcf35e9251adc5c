//! The measures the benchmarks report: great-circle distance, distance
//! accuracies, precision/recall/F1 and multi-class F1 (weighted and macro).

use serde::Serialize;
use std::collections::BTreeMap;

/// Mean Earth radius in kilometres (IUGG), the value geoparsing papers use.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres between two points given in degrees
/// (haversine formula).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// A share with its counts: `hits / total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    /// Items that count as hits.
    pub hits: usize,
    /// Items looked at.
    pub total: usize,
}

impl Ratio {
    /// A ratio of `hits` out of `total`.
    pub fn new(hits: usize, total: usize) -> Ratio {
        Ratio { hits, total }
    }

    /// The share, 0 when nothing was looked at.
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }

    /// "87.3% (237/274)".
    pub fn percent(&self) -> String {
        format!(
            "{:.1}% ({}/{})",
            100.0 * self.value(),
            self.hits,
            self.total
        )
    }
}

/// Distance accuracies of a set of resolutions against gold coordinates.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DistanceScores {
    /// Gold toponyms scored (the denominator of the accuracies).
    pub scored: usize,
    /// Those the system gave coordinates for.
    pub answered: usize,
    /// Same GeoNames id, over gold toponyms that have one.
    pub exact_id: Ratio,
    /// Within 25 km, over `scored` (no answer counts as wrong).
    pub acc_25km: Ratio,
    /// Within 161 km (100 miles), over `scored`.
    pub acc_161km: Ratio,
    /// Mean error in km over the answered ones (`None` when none).
    pub mean_error_km: Option<f64>,
    /// Median error in km over the answered ones.
    pub median_error_km: Option<f64>,
}

/// Accumulates [`DistanceScores`] one gold toponym at a time.
#[derive(Debug, Clone, Default)]
pub struct DistanceTally {
    scored: usize,
    with_id: usize,
    id_hits: usize,
    errors: Vec<f64>,
}

impl DistanceTally {
    /// Adds one gold toponym: its gold point and id, and the system's answer
    /// (point and id), if any.
    pub fn add(
        &mut self,
        gold: (f64, f64),
        gold_id: Option<u64>,
        answer: Option<((f64, f64), Option<u64>)>,
    ) {
        self.scored += 1;
        if gold_id.is_some() {
            self.with_id += 1;
        }
        if let Some(((lat, lon), id)) = answer {
            self.errors.push(haversine_km(gold.0, gold.1, lat, lon));
            if gold_id.is_some() && id == gold_id {
                self.id_hits += 1;
            }
        }
    }

    /// The scores so far.
    pub fn finish(&self) -> DistanceScores {
        let within = |km: f64| self.errors.iter().filter(|e| **e <= km).count();
        let mut sorted = self.errors.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = match n {
            0 => None,
            _ if n % 2 == 1 => Some(sorted[n / 2]),
            _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
        };
        DistanceScores {
            scored: self.scored,
            answered: n,
            exact_id: Ratio::new(self.id_hits, self.with_id),
            acc_25km: Ratio::new(within(25.0), self.scored),
            acc_161km: Ratio::new(within(161.0), self.scored),
            mean_error_km: (n > 0).then(|| sorted.iter().sum::<f64>() / n as f64),
            median_error_km: median,
        }
    }
}

/// Precision, recall and F1 from true positives, false positives and
/// false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Predictions that matched gold.
    pub tp: usize,
    /// Predictions that matched nothing.
    pub fp: usize,
    /// Gold items no prediction matched.
    pub r#fn: usize,
    /// tp / (tp + fp), 0 when there were no predictions.
    pub precision: f64,
    /// tp / (tp + fn), 0 when there was no gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub f1: f64,
}

impl Prf {
    /// Scores from the three counts.
    pub fn new(tp: usize, fp: usize, r#fn: usize) -> Prf {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = div(tp, tp + fp);
        let recall = div(tp, tp + r#fn);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            tp,
            fp,
            r#fn,
            precision,
            recall,
            f1,
        }
    }
}

/// Scores of one class in a multi-class evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassScore {
    /// The class label.
    pub label: String,
    /// Gold items of this class.
    pub support: usize,
    /// Items predicted as this class.
    pub predicted: usize,
    /// Precision, recall and F1 of this class.
    pub prf: Prf,
}

/// A multi-class evaluation: accuracy, support-weighted F1 and macro F1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    /// Items scored.
    pub n: usize,
    /// Share of items whose prediction equals the gold label.
    pub accuracy: Ratio,
    /// Mean of the per-class F1 over `labels`, each weighted by its gold
    /// support (scikit-learn's `average="weighted"`).
    pub weighted_f1: f64,
    /// Unweighted mean of the per-class F1 over `labels`.
    pub macro_f1: f64,
    /// Per-class scores, in the order of `labels`.
    pub per_class: Vec<ClassScore>,
}

/// Scores `predicted` against `gold` (same length, one label per item),
/// averaging over `labels`.
///
/// Predictions outside `labels` (such as "NONE") still count against the
/// recall of the gold class; they have no precision of their own because
/// they are not averaged. Labels with no gold support get F1 0 and weight 0,
/// so they lower the macro but not the weighted mean.
pub fn classification(gold: &[&str], predicted: &[&str], labels: &[&str]) -> Classification {
    assert_eq!(gold.len(), predicted.len(), "one prediction per gold label");
    let mut support: BTreeMap<&str, usize> = BTreeMap::new();
    let mut npred: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tp: BTreeMap<&str, usize> = BTreeMap::new();
    let mut correct = 0;
    for (g, p) in gold.iter().zip(predicted) {
        *support.entry(g).or_default() += 1;
        *npred.entry(p).or_default() += 1;
        if g == p {
            *tp.entry(g).or_default() += 1;
            correct += 1;
        }
    }
    let per_class: Vec<ClassScore> = labels
        .iter()
        .map(|l| {
            let s = support.get(l).copied().unwrap_or(0);
            let p = npred.get(l).copied().unwrap_or(0);
            let t = tp.get(l).copied().unwrap_or(0);
            ClassScore {
                label: l.to_string(),
                support: s,
                predicted: p,
                prf: Prf::new(t, p - t, s - t),
            }
        })
        .collect();
    let total_support: usize = per_class.iter().map(|c| c.support).sum();
    let weighted_f1 = if total_support == 0 {
        0.0
    } else {
        per_class
            .iter()
            .map(|c| c.prf.f1 * c.support as f64)
            .sum::<f64>()
            / total_support as f64
    };
    let macro_f1 = if per_class.is_empty() {
        0.0
    } else {
        per_class.iter().map(|c| c.prf.f1).sum::<f64>() / per_class.len() as f64
    };
    Classification {
        n: gold.len(),
        accuracy: Ratio::new(correct, gold.len()),
        weighted_f1,
        macro_f1,
        per_class,
    }
}

#[cfg(test)]
mod tests {
    use super::{classification, haversine_km, DistanceTally, Prf, Ratio};

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn haversine_known_distances() {
        assert_eq!(haversine_km(50.0, 30.0, 50.0, 30.0), 0.0);
        // One degree of latitude is ~111.2 km.
        assert!(close(haversine_km(0.0, 0.0, 1.0, 0.0), 111.195, 0.01));
        // Kyiv (50.4501, 30.5234) to Kharkiv (49.9935, 36.2304): ~409 km.
        assert!(close(
            haversine_km(50.4501, 30.5234, 49.9935, 36.2304),
            409.0,
            2.0
        ));
        // London to Paris: ~344 km.
        assert!(close(
            haversine_km(51.5074, -0.1278, 48.8566, 2.3522),
            343.5,
            1.5
        ));
        // Antipodes: half the circumference.
        let half = std::f64::consts::PI * super::EARTH_RADIUS_KM;
        assert!(close(haversine_km(0.0, 0.0, 0.0, 180.0), half, 1e-6));
        // Across the date line is short.
        assert!(haversine_km(0.0, 179.9, 0.0, -179.9) < 23.0);
    }

    #[test]
    fn distance_tally_counts_misses_as_wrong() {
        let mut t = DistanceTally::default();
        t.add((0.0, 0.0), Some(1), Some(((0.0, 0.0), Some(1)))); // exact
        t.add((0.0, 0.0), Some(2), Some(((1.0, 0.0), Some(3)))); // 111 km
        t.add((0.0, 0.0), None, Some(((10.0, 0.0), None))); // 1112 km
        t.add((0.0, 0.0), Some(4), None); // no answer
        let s = t.finish();
        assert_eq!((s.scored, s.answered), (4, 3));
        assert_eq!(s.exact_id, Ratio::new(1, 3));
        assert_eq!(s.acc_25km, Ratio::new(1, 4));
        assert_eq!(s.acc_161km, Ratio::new(2, 4));
        assert!(close(s.median_error_km.unwrap(), 111.195, 0.01));
        assert!(close(
            s.mean_error_km.unwrap(),
            (111.195 + 1111.95) / 3.0,
            0.1
        ));
    }

    #[test]
    fn prf_edge_cases() {
        let p = Prf::new(3, 1, 2);
        assert!(close(p.precision, 0.75, 1e-12));
        assert!(close(p.recall, 0.6, 1e-12));
        assert!(close(p.f1, 2.0 * 0.75 * 0.6 / 1.35, 1e-12));
        assert_eq!(Prf::new(0, 0, 0).f1, 0.0);
    }

    #[test]
    fn weighted_f1_by_hand() {
        // gold:  A A A B B C
        // pred:  A A B B NONE A
        // A: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
        // B: tp 1, predicted 2, support 2 -> P 1/2, R 1/2, F1 1/2
        // C: tp 0, predicted 0, support 1 -> F1 0
        // weighted = (3*2/3 + 2*1/2 + 1*0) / 6 = 3/6 = 0.5
        // macro = (2/3 + 1/2 + 0) / 3 = 7/18
        let gold = ["A", "A", "A", "B", "B", "C"];
        let pred = ["A", "A", "B", "B", "NONE", "A"];
        let c = classification(&gold, &pred, &["A", "B", "C"]);
        assert!(close(c.weighted_f1, 0.5, 1e-12));
        assert!(close(c.macro_f1, 7.0 / 18.0, 1e-12));
        assert_eq!(c.accuracy, Ratio::new(3, 6));
        assert_eq!(c.per_class[0].predicted, 3);
        assert_eq!(c.per_class[2].prf.r#fn, 1);
    }

    #[test]
    fn ratio_formats() {
        assert_eq!(Ratio::new(1, 4).percent(), "25.0% (1/4)");
        assert_eq!(Ratio::new(0, 0).value(), 0.0);
    }
}
