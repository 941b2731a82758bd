//! In-document coreference, actor coding and geocoding (being written).
