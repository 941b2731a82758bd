//! Plain text files: the text is the content, metadata comes from the caller.

use crate::error::{decode_utf8, strip_bom};
use crate::{derived_id, Metadata, ReadError};
use tidings_doc::Article;

/// Reads one plain text article from its bytes. The text is kept byte for byte (line ends
/// included) apart from a leading byte order mark, because every offset downstream points into
/// it. `file` names the source in errors. The id is `meta.id`, else derived from the content.
pub fn read_text(bytes: Vec<u8>, file: &str, meta: &Metadata) -> Result<Article, ReadError> {
    let mut text = decode_utf8(bytes, file, 1, 0)?;
    strip_bom(&mut text);
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
        extra: Default::default(),
    })
}
