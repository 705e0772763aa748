#pragma once

#include "domain/Application.h"
#include "print/PrintResult.h"
#include "print/PrintedForm.h"

#include <QString>

class QIODevice;

namespace certdesk::print {

// PDF export of the printed forms with QPdfWriter: A4 portrait, 300 dpi, title and creator set, fonts
// embedded as subsets (QPdfWriter embeds every font it draws with, so the file prints the same on any PC).
//
// To a path: written through QSaveFile, so a failed export never leaves a half-written file behind.
[[nodiscard]] PrintResult renderPdf(const PrintedForm& form, const QString& path);
// To a device: opened for writing if it is not open yet; not closed.
[[nodiscard]] PrintResult renderPdf(const PrintedForm& form, QIODevice* device);

// The authorization letter (申请表, by category) of `application`.
[[nodiscard]] PrintResult renderLetterPdf(
    const Application& application, const QString& path, const FormOptions& options = {});
[[nodiscard]] PrintResult renderLetterPdf(
    const Application& application, QIODevice* device, const FormOptions& options = {});
// The 电子印章采集表 template of `application`.
[[nodiscard]] PrintResult renderESealFormPdf(
    const Application& application, const QString& path, const FormOptions& options = {});
[[nodiscard]] PrintResult renderESealFormPdf(
    const Application& application, QIODevice* device, const FormOptions& options = {});

} // namespace certdesk::print
