#pragma once

#include "api/ApiTypes.h"
#include "domain/Application.h"

#include <QList>
#include <QString>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace certdesk {
class RegionModel;
}

namespace certdesk::ui {

// One form field of an application as the counter sees it: its rejection target ("field:agent.mobile"),
// the translated label and the value, unmasked (staff check it against the documents).
struct ApplicationFieldRow
{
    QString target;
    QString label;
    QString value;
};

// Every field of the form that applies to the application's category, in the order of the printed form.
// Region codes are shown with their names; the bank with its name when the service sent it.
[[nodiscard]] QList<ApplicationFieldRow> applicationFieldRows(
    const Application& application, const RegionModel& regions);

// The rejection targets a reviewer can point at: the fields above and the category's required documents.
[[nodiscard]] QList<ApplicationFieldRow> rejectionTargets(
    const Application& application, const RegionModel& regions);

// The application as the counter reads it: a summary line (order, kind, status, holder verification,
// liveness, payment) and the fields in a two-column list. Personal data is shown in full and never logged.
class ApplicationDetails : public QWidget
{
    Q_OBJECT
public:
    explicit ApplicationDetails(const RegionModel& regions, QWidget* parent = nullptr);

    void setApplication(const Application& application);
    void clear();
    [[nodiscard]] QTreeWidget* fields() const { return m_fields; }
    [[nodiscard]] QString summaryText() const;

private:
    const RegionModel& m_regions;
    QLabel* m_summary;
    QTreeWidget* m_fields;
};

} // namespace certdesk::ui
