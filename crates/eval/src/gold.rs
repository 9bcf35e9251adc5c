//! The gold-annotation format (`NAME.gold.json`).

use serde::Deserialize;

/// One article's gold annotation. `None` means "not annotated".
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Gold {
    /// Publication date, `YYYY-MM-DD`, or null when the page has none.
    #[serde(default, deserialize_with = "present")]
    pub published: Option<Option<String>>,
    /// Author name(s) as written, or null.
    #[serde(default, deserialize_with = "present")]
    pub byline: Option<Option<String>>,
    /// The headline, or null.
    #[serde(default, deserialize_with = "present")]
    pub title: Option<Option<String>>,
    /// ISO 639-1 language code.
    #[serde(default)]
    pub language: Option<String>,
    /// Photo and agency credits.
    #[serde(default)]
    pub credits: Option<Vec<String>>,
    /// Places mentioned.
    #[serde(default)]
    pub places: Option<Vec<GoldPlace>>,
    /// Actors mentioned.
    #[serde(default)]
    pub actors: Option<Vec<GoldActor>>,
    /// Events.
    #[serde(default)]
    pub events: Option<Vec<GoldEvent>>,
    /// Attributed statements.
    #[serde(default)]
    pub claims: Option<Vec<GoldClaim>>,
    /// Claims that contradict each other (an extension of the contract's
    /// gold format; absent: not annotated).
    #[serde(default)]
    pub contradictions: Option<Vec<GoldContradiction>>,
}

/// Distinguishes a field set to null (`Some(None)`) from an absent one.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A gold place.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPlace {
    /// The mention as written.
    pub text: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// The contract's feature value.
    pub feature: String,
    /// ISO country code.
    #[serde(default)]
    pub country: Option<String>,
    /// First-level division name.
    #[serde(default)]
    pub admin1: Option<String>,
}

/// A gold actor: any of `names` identifies it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldActor {
    /// Accepted names.
    pub names: Vec<String>,
    /// The contract's kind value.
    pub kind: String,
}

/// A gold event location.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldLocation {
    /// A readable name.
    #[serde(default)]
    pub name: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// For areas: how far from the point a location still matches
    /// (default: the contract's 50 km).
    #[serde(default)]
    pub radius_km: Option<f64>,
}

/// A gold date range.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDate {
    /// First possible day.
    pub earliest: String,
    /// Last possible day.
    pub latest: String,
}

/// A gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// ACLED event type.
    pub event_type: String,
    /// ACLED sub-event type.
    pub sub_event_type: String,
    /// Accepted names of the acting side (empty: none).
    #[serde(default)]
    pub actor1: Vec<String>,
    /// Accepted names of the side acted upon (empty: none).
    #[serde(default)]
    pub actor2: Vec<String>,
    /// Where.
    pub location: Option<GoldLocation>,
    /// When.
    pub date: Option<GoldDate>,
    /// ACLED fatalities, null when the text gives none.
    #[serde(default)]
    pub fatalities: Option<u32>,
    /// Claimants: each inner list holds accepted names of one claimant.
    #[serde(default)]
    pub claimants: Vec<Vec<String>>,
}

/// A gold claim.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    /// Accepted names of the claimant (empty or null: the article's voice).
    #[serde(default)]
    pub claimant: Option<Vec<String>>,
    /// The channel chain: each entry the accepted name of one channel.
    #[serde(default)]
    pub via: Vec<String>,
    /// Words that must all occur in the claim's text.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// A gold contradiction: two claims, each described as a gold claim is
/// (claimant and keywords), that disagree about `about`.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldContradiction {
    /// The contract's `about` value: outcome, fatalities, actor, location, date.
    pub about: String,
    /// The two claims, in any order.
    pub claims: Vec<GoldClaim>,
}
