//! ACLED's event types and sub-event types (names exactly as ACLED spells
//! them).

/// (event type, sub-event type) for all 25 ACLED sub-event types.
pub const ACLED: [(&str, &str); 25] = [
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    (
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    ("Protests", "Peaceful protest"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Excessive force against protesters"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    (
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    ("Strategic developments", "Other"),
];

/// The canonical spelling of a sub-event type name (case-insensitive).
pub fn sub_event_type(name: &str) -> Option<&'static str> {
    ACLED
        .iter()
        .find(|(_, s)| s.eq_ignore_ascii_case(name.trim()))
        .map(|(_, s)| *s)
}

/// The event type of a sub-event type.
pub fn event_type(sub_event_type: &str) -> Option<&'static str> {
    ACLED
        .iter()
        .find(|(_, s)| *s == sub_event_type)
        .map(|(t, _)| *t)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lookup() {
        assert_eq!(
            super::sub_event_type("air/drone STRIKE"),
            Some("Air/drone strike")
        );
        assert_eq!(super::event_type("Arrests"), Some("Strategic developments"));
        assert_eq!(super::sub_event_type("Bombing"), None);
    }
}
