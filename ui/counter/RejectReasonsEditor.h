#pragma once

#include "domain/Application.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace certdesk {
class RegionModel;
}

namespace certdesk::ui {

// The reasons of a rejection, each pointing at one field or document of the application (API "reasons":
// "field:agent.mobile", "document:business_license"): pick the target from the application's own fields and
// documents, type what is wrong and how to fix it, add; as many as needed. The applicant sees each reason at
// its field or document.
class RejectReasonsEditor : public QWidget
{
    Q_OBJECT
public:
    RejectReasonsEditor(const RegionModel& regions, QWidget* parent = nullptr);

    void setApplication(const Application& application);
    void clear();
    [[nodiscard]] QList<RejectionReason> reasons() const { return m_reasons; }

    // Adds a reason for `target` (as choosing it and clicking Add does). False when the target is not one of
    // the application's or the message is empty.
    bool addReason(const QString& target, const QString& message);

Q_SIGNALS:
    void changed();

private:
    void addFromInputs();
    void removeSelected();
    void rebuildList();

    const RegionModel& m_regions;
    CertificateCategory m_category = CertificateCategory::Institution;
    QComboBox* m_target;
    QLineEdit* m_message;
    QPushButton* m_add;
    QListWidget* m_list;
    QPushButton* m_remove;
    QList<RejectionReason> m_reasons;
};

} // namespace certdesk::ui
