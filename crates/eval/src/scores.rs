//! Counting: precision/recall/F1 and accuracy, per field.

use std::collections::BTreeMap;

use serde::Serialize;

/// True positives, false positives and false negatives of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Found and in the gold.
    pub tp: u32,
    /// Found but not in the gold.
    pub fp: u32,
    /// In the gold but not found.
    pub fn_: u32,
}

impl Counts {
    /// Precision; 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall; 1 when the gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// Correct answers out of the cases scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Accuracy {
    /// Right answers.
    pub correct: u32,
    /// Cases scored.
    pub total: u32,
}

impl Accuracy {
    /// Records one case.
    pub fn record(&mut self, right: bool) {
        self.total += 1;
        self.correct += u32::from(right);
    }

    /// The share of right answers; 1 when nothing was scored.
    pub fn value(&self) -> f64 {
        ratio(self.correct, self.total)
    }
}

fn ratio(num: u32, den: u32) -> f64 {
    if den == 0 {
        1.0
    } else {
        f64::from(num) / f64::from(den)
    }
}

/// Scores of one article or of many added up, by field name
/// (`places`, `events.actor1` …).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Articles added.
    pub articles: u32,
    /// Set-valued fields.
    pub counts: BTreeMap<String, Counts>,
    /// Single-valued fields.
    pub accuracy: BTreeMap<String, Accuracy>,
}

impl Scores {
    /// The counts of `field`, created empty when new.
    pub fn counts_mut(&mut self, field: &str) -> &mut Counts {
        self.counts.entry(field.to_string()).or_default()
    }

    /// The accuracy of `field`, created empty when new.
    pub fn accuracy_mut(&mut self, field: &str) -> &mut Accuracy {
        self.accuracy.entry(field.to_string()).or_default()
    }

    /// Adds another article's (or set's) scores.
    pub fn add(&mut self, other: &Scores) {
        self.articles += other.articles.max(1);
        for (k, c) in &other.counts {
            self.counts_mut(k).add(c);
        }
        for (k, a) in &other.accuracy {
            let mine = self.accuracy_mut(k);
            mine.correct += a.correct;
            mine.total += a.total;
        }
    }

    /// A metric by name: `FIELD.p`, `FIELD.r`, `FIELD.f1` for set-valued
    /// fields, `FIELD.acc` for single-valued ones. `None` when the field was
    /// never scored.
    pub fn metric(&self, name: &str) -> Option<f64> {
        let (field, what) = name.rsplit_once('.')?;
        match what {
            "acc" => self.accuracy.get(field).map(Accuracy::value),
            "p" => self.counts.get(field).map(Counts::precision),
            "r" => self.counts.get(field).map(Counts::recall),
            "f1" => self.counts.get(field).map(Counts::f1),
            _ => None,
        }
    }

    /// Every metric this set of scores has, by name.
    pub fn metrics(&self) -> BTreeMap<String, f64> {
        let mut all = BTreeMap::new();
        for (k, c) in &self.counts {
            all.insert(format!("{k}.p"), c.precision());
            all.insert(format!("{k}.r"), c.recall());
            all.insert(format!("{k}.f1"), c.f1());
        }
        for (k, a) in &self.accuracy {
            all.insert(format!("{k}.acc"), a.value());
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::{Accuracy, Counts, Scores};

    #[test]
    fn precision_recall_f1() {
        let c = Counts {
            tp: 3,
            fp: 1,
            fn_: 2,
        };
        assert_eq!(c.precision(), 0.75);
        assert_eq!(c.recall(), 0.6);
        assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
        assert_eq!(
            Counts {
                tp: 0,
                fp: 2,
                fn_: 2
            }
            .f1(),
            0.0
        );
        assert_eq!(Counts::default().f1(), 1.0);
    }

    #[test]
    fn adding_and_naming_metrics() {
        let mut one = Scores::default();
        one.counts_mut("places").tp = 1;
        one.accuracy_mut("published").record(true);
        let mut two = Scores::default();
        two.counts_mut("places").fn_ = 1;
        two.accuracy_mut("published").record(false);
        let mut all = Scores::default();
        all.add(&one);
        all.add(&two);
        assert_eq!(all.articles, 2);
        assert_eq!(all.metric("places.r"), Some(0.5));
        assert_eq!(all.metric("published.acc"), Some(0.5));
        assert_eq!(all.metric("events.f1"), None);
        assert_eq!(
            all.accuracy["published"],
            Accuracy {
                correct: 1,
                total: 2
            }
        );
    }
}
