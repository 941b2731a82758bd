//! The model files' binary encoding: little-endian integers, length-prefixed arrays and strings.
//!
//! A file starts with an 8-byte magic naming its kind and a format version; a reader that meets
//! another kind or version refuses the file instead of misreading it.

use crate::SyntaxError;
use std::path::{Path, PathBuf};

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn new(magic: &[u8; 8], version: u32) -> Writer {
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(magic);
        w.u32(version);
        w
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
    pub fn u16s(&mut self, v: &[u16]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn u64s(&mut self, v: &[u64]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| SyntaxError::io(dir, e))?;
        }
        std::fs::write(path, &self.buf).map_err(|e| SyntaxError::io(path, e))
    }
}

/// Reads values back, failing with the file's path on truncation.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    path: PathBuf,
}

impl<'a> Reader<'a> {
    /// Checks the magic and version and positions after them.
    pub fn open(
        buf: &'a [u8],
        path: &Path,
        magic: &[u8; 8],
        version: u32,
    ) -> Result<Reader<'a>, SyntaxError> {
        Reader::open_versions(buf, path, magic, version..=version).map(|(r, _)| r)
    }

    /// Like [`Reader::open`] for a reader of several format versions; returns the file's.
    pub fn open_versions(
        buf: &'a [u8],
        path: &Path,
        magic: &[u8; 8],
        versions: std::ops::RangeInclusive<u32>,
    ) -> Result<(Reader<'a>, u32), SyntaxError> {
        let mut r = Reader {
            buf,
            pos: 0,
            path: path.to_path_buf(),
        };
        if r.take(8)? != magic {
            return Err(r.bad(format!(
                "expected a {} file",
                String::from_utf8_lossy(magic).trim()
            )));
        }
        let v = r.u32()?;
        if !versions.contains(&v) {
            return Err(r.bad(format!(
                "format version {v}, this build reads versions {} to {}",
                versions.start(),
                versions.end()
            )));
        }
        Ok((r, v))
    }
    pub fn bad(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError::BadModel {
            path: self.path.clone(),
            message: message.into(),
        }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        if self.buf.len() - self.pos < n {
            return Err(self.bad(format!("truncated at byte {}", self.pos)));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u32(&mut self) -> Result<u32, SyntaxError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn str(&mut self) -> Result<String, SyntaxError> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.bad("a string is not UTF-8"))
    }
    pub fn strs(&mut self) -> Result<Vec<String>, SyntaxError> {
        let n = self.u32()? as usize;
        (0..n).map(|_| self.str()).collect()
    }
    pub fn u16s(&mut self) -> Result<Vec<u16>, SyntaxError> {
        let n = self.u32()? as usize;
        let b = self.take(n * 2)?;
        Ok(b.chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
    pub fn u32s(&mut self) -> Result<Vec<u32>, SyntaxError> {
        let n = self.u32()? as usize;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect())
    }
    pub fn u64s(&mut self) -> Result<Vec<u64>, SyntaxError> {
        let n = self.u32()? as usize;
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect())
    }
    /// Fails unless every byte was read.
    pub fn finish(&self) -> Result<(), SyntaxError> {
        if self.pos != self.buf.len() {
            return Err(self.bad(format!(
                "{} unexpected bytes at the end",
                self.buf.len() - self.pos
            )));
        }
        Ok(())
    }
}

/// Reads a whole model file.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, SyntaxError> {
    std::fs::read(path).map_err(|e| SyntaxError::io(path, e))
}
