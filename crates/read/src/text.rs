//! Plain text files: the text is the content, metadata comes from the caller.

use crate::decode::decode;
use crate::{derived_id, Metadata, ReadError};
use tidings_doc::Article;

/// Reads one plain text article from its bytes. The text is kept byte for byte (line ends
/// included) apart from a leading byte order mark, because every offset downstream points into
/// it. `file` names the source in errors. The id is `meta.id`, else derived from the content.
///
/// Bytes that are not UTF-8 are decoded as the crate's `decode` rules say (UTF-16, Windows-1252,
/// lossy UTF-8), with the decoding noted in `extra.encoding`; binary data is refused with
/// [`ReadError::Encoding`].
pub fn read_text(bytes: Vec<u8>, file: &str, meta: &Metadata) -> Result<Article, ReadError> {
    let decoded = decode(bytes, None, file)?;
    let mut extra = serde_json::Map::new();
    decoded.note(&mut extra);
    let text = decoded.text;
    if text.trim().is_empty() {
        return Err(ReadError::Empty { file: file.to_string() });
    }
    let id = meta.id.clone().unwrap_or_else(|| derived_id(meta.url.as_deref(), &text));
    Ok(Article {
        id,
        url: meta.url.clone(),
        outlet: meta.outlet.clone(),
        published: meta.published,
        title: meta.title.clone(),
        text,
        extra,
    })
}
