#pragma once

#include "idcard/BaseMessage.h"

#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;

namespace certdesk::idcard {
class IdCardReader;
}

namespace certdesk::ui {

// "Read ID card" (读取身份证) beside a person's name: reads the card on the reader off the GUI thread and
// hands the name and ID number over (cardRead); the message line under it says what happened, in words a
// screen reader announces. A reader that does not answer within `timeoutMs` is given up on (NotResponding).
class IdCardButton : public QWidget
{
    Q_OBJECT
public:
    // `who` names the person in the accessible description ("Agent", "Applicant"); `objectSuffix` makes the
    // object names unique ("agent": idCardButton_agent, idCardStatus_agent).
    IdCardButton(const QString& who, const QString& objectSuffix, QWidget* parent = nullptr);

    // The reader used from now on (shared with the wizard; null: reading says no reader).
    void setReader(std::shared_ptr<idcard::IdCardReader> reader) { m_reader = std::move(reader); }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    [[nodiscard]] QPushButton* button() const { return m_button; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }
    [[nodiscard]] bool isBusy() const { return m_busy; }

    void read();

Q_SIGNALS:
    // Only what the form needs leaves the card: the rest of the record is dropped with the reading job.
    void cardRead(const QString& name, const QString& idNumber);

private:
    void finish(int generation, const idcard::IdCardResult<idcard::IdCardInfo>& result);

    QPushButton* m_button;
    QLabel* m_status;
    std::shared_ptr<idcard::IdCardReader> m_reader;
    int m_timeoutMs = 15000;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace certdesk::ui
