//! TimeML (TimeBank, AQUAINT, TempEval-3): documents with a creation time and gold TIMEX3. (To be written by the timex work.)
