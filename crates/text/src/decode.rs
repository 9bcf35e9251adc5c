//! From raw input bytes to UTF-8 text, or a clear reason why not.
//!
//! UTF-8 input is used as given (a byte order mark stays in the text as
//! U+FEFF, which the segmenter treats as whitespace), so report offsets index
//! the input file itself. Other input (UTF-16 with a BOM, or legacy
//! single-byte encodings such as Windows-1252, Windows-1251 and KOI8-R,
//! detected with `chardetng`) is transcoded, and offsets index the
//! transcoding.

use std::borrow::Cow;

/// Inputs larger than this are refused rather than read.
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;

/// Why some bytes could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Zero bytes.
    #[error("empty file")]
    Empty,
    /// Nothing but whitespace.
    #[error("file holds only whitespace")]
    Blank,
    /// Over [`MAX_INPUT_BYTES`].
    #[error("file is {0} bytes, over the {MAX_INPUT_BYTES}-byte limit")]
    TooLarge(u64),
    /// Looks like a binary file rather than text.
    #[error("binary file, not text ({0})")]
    Binary(&'static str),
    /// UTF-8 that stops inside a multi-byte character.
    #[error("truncated UTF-8: the file ends inside a multi-byte character at byte {0}")]
    TruncatedUtf8(usize),
    /// Bytes that no supported encoding decodes cleanly.
    #[error("cannot decode the text as {0}")]
    Undecodable(&'static str),
}

/// Text ready for analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text; borrowed when the input was UTF-8.
    pub text: Cow<'a, str>,
    /// The input's encoding, by its WHATWG name ("UTF-8", "UTF-16LE",
    /// "windows-1251", "KOI8-R" …).
    pub encoding: &'static str,
}

impl Decoded<'_> {
    /// True when the text is a transcoding, so offsets do not index the
    /// input bytes.
    pub fn is_transcoded(&self) -> bool {
        matches!(self.text, Cow::Owned(_))
    }
}

/// Decodes `bytes` into text, refusing empty, blank, oversized, binary and
/// truncated input with a reason.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge(bytes.len() as u64));
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let body = &bytes[bom_len..];
            let text = encoding
                .decode_without_bom_handling_and_without_replacement(body)
                .ok_or(DecodeError::Undecodable(encoding.name()))?;
            return finish(Cow::Owned(text.into_owned()), encoding.name());
        }
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary("it contains NUL bytes"));
    }
    if control_share(bytes) > 0.01 {
        return Err(DecodeError::Binary("it is full of control characters"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(Cow::Borrowed(text), "UTF-8"),
        Err(e) if e.error_len().is_none() && has_multibyte_utf8(&bytes[..e.valid_up_to()]) => {
            Err(DecodeError::TruncatedUtf8(e.valid_up_to()))
        }
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let encoding = detector.guess(None, false);
            let text = encoding
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or(DecodeError::Undecodable(encoding.name()))?;
            finish(Cow::Owned(text.into_owned()), encoding.name())
        }
    }
}

fn finish<'a>(text: Cow<'a, str>, encoding: &'static str) -> Result<Decoded<'a>, DecodeError> {
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(DecodeError::Blank);
    }
    if text.contains('\0') {
        return Err(DecodeError::Binary("it contains NUL characters"));
    }
    Ok(Decoded { text, encoding })
}

/// Share of bytes that are control characters other than tab, newlines and
/// form feed.
fn control_share(bytes: &[u8]) -> f64 {
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls as f64 / bytes.len() as f64
}

fn has_multibyte_utf8(valid: &[u8]) -> bool {
    valid.iter().any(|&b| b >= 0x80)
}

#[cfg(test)]
mod tests {
    use super::{decode, DecodeError};

    #[test]
    fn utf8_is_borrowed_as_given() {
        let d = decode("Грайворон, 12 March".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.is_transcoded());
        assert_eq!(d.text, "Грайворон, 12 March");
    }

    #[test]
    fn utf8_bom_stays_so_offsets_index_the_file() {
        let d = decode(b"\xef\xbb\xbfKyiv").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "\u{feff}Kyiv");
    }

    #[test]
    fn utf16_with_bom_is_transcoded() {
        let mut le = vec![0xff, 0xfe];
        le.extend("Харків".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode(&le).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), ("UTF-16LE", "Харків"));
        let mut be = vec![0xfe, 0xff];
        be.extend("Kherson".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().text, "Kherson");
    }

    #[test]
    fn windows_1251_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Российские войска обстреляли город Грайворон в Белгородской области.");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.contains("Грайворон"));
    }

    #[test]
    fn koi8_r_is_detected() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(
            "Вооруженные силы сообщили об обстреле села Тёткино в Курской области вчера вечером.",
        );
        let d = decode(&bytes).unwrap();
        assert!(d.encoding.starts_with("KOI8"), "{}", d.encoding);
        assert!(d.text.contains("Курской"));
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le ministère a déclaré que l'armée française était là.");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("ministère"));
    }

    #[test]
    fn bad_inputs_have_reasons() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t\r\n"), Err(DecodeError::Blank));
        assert!(matches!(decode(b"ab\0cd"), Err(DecodeError::Binary(_))));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(matches!(decode(&noise), Err(DecodeError::Binary(_))));
        let cut = &"Удар по Харкову".as_bytes()[..6];
        assert!(matches!(
            decode(&[b"Kharkiv ", cut].concat()[..13]),
            Err(DecodeError::TruncatedUtf8(_))
        ));
        let mut bad16 = vec![0xff, 0xfe];
        bad16.extend([0x00, 0xd8, b'a', 0x00]);
        assert!(matches!(decode(&bad16), Err(DecodeError::Undecodable(_))));
    }
}
