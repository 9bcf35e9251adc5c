//! Small helpers over `roxmltree` shared by the XML loaders.

use crate::Error;
use roxmltree::{Document, Node};

/// Parses `xml`, naming `what` in the error.
pub(crate) fn parse<'x>(xml: &'x str, what: &str) -> Result<Document<'x>, Error> {
    Document::parse(xml).map_err(|e| Error::format(what, format!("not well-formed XML: {e}")))
}

/// The first child element of `node` called `name`.
pub(crate) fn child<'a, 'x>(node: Node<'a, 'x>, name: &str) -> Option<Node<'a, 'x>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// All child elements of `node` called `name`.
pub(crate) fn children<'a, 'x: 'a>(
    node: Node<'a, 'x>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'x>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The concatenated text of every text node under `node`, as the XML gives
/// it (entities decoded, CDATA kept verbatim).
pub(crate) fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The trimmed text of child `name`, `None` when absent or empty.
pub(crate) fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    let t = text_of(child(node, name)?);
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Child `name` parsed as a number; `Ok(None)` when absent or empty.
pub(crate) fn child_num<T: std::str::FromStr>(
    node: Node<'_, '_>,
    name: &str,
    what: &str,
) -> Result<Option<T>, Error> {
    match child_text(node, name) {
        None => Ok(None),
        Some(t) => t
            .parse()
            .map(Some)
            .map_err(|_| Error::format(what, format!("<{name}> is not a number: {t:?}"))),
    }
}
