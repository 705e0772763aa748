#pragma once

#include <QString>
#include <QStringList>
#include <memory>

namespace certdesk::input {

// What a pinyin composition looks like now: the letters typed so far (with the engine's syllable breaks),
// and the current page of candidates.
struct PinyinComposition
{
    QString preedit; // "zhang san"; empty when nothing is being composed
    QStringList candidates; // the current page, best first
    int page = 0;
    bool lastPage = true;

    [[nodiscard]] bool isComposing() const { return !preedit.isEmpty(); }
};

// A pinyin input engine as the on-screen keyboard drives it: letters in, candidates out, the chosen
// candidate (or the raw letters) committed. Simplified characters. Not thread-safe: one thread (the GUI's).
class PinyinEngine
{
public:
    virtual ~PinyinEngine() = default;
    PinyinEngine() = default;
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // Adds a letter a-z (or the syllable separator '). False when the engine did not take it.
    virtual bool typeLetter(QChar letter) = 0;
    // Removes the last letter; false when nothing is being composed (the caller deletes in the field).
    virtual bool backspace() = 0;
    // Chooses candidate `index` of the current page. Returns the text to commit, or empty when the candidate
    // covered only part of the letters and composition goes on with the rest.
    [[nodiscard]] virtual QString select(int index) = 0;
    // Ends the composition and returns the letters as typed (Enter on a keyboard).
    [[nodiscard]] virtual QString commitLetters() = 0;
    virtual void nextPage() = 0;
    virtual void previousPage() = 0;
    // Drops the composition (the field lost focus, the session was wiped).
    virtual void clear() = 0;
    [[nodiscard]] virtual PinyinComposition composition() const = 0;
};

// True when this build has a pinyin engine (librime).
[[nodiscard]] bool hasPinyinEngine();
// Prepares the pinyin engine of this build (compiles its data the first time; blocks, may run on a worker
// thread). Returns what went wrong, empty on success. With `milliseconds`, the time it took.
[[nodiscard]] QString preparePinyinEngine(qint64* milliseconds = nullptr);
// A new engine after a successful preparePinyinEngine(), else null.
[[nodiscard]] std::unique_ptr<PinyinEngine> createPinyinEngine();

} // namespace certdesk::input
