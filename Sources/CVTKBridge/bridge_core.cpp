// Objects, module initialisation, logging and error counting.
#include "bridge_internal.h"

#include <vtkAutoInit.h>
#include <vtkLogger.h>
#include <vtkMath.h>
#include <vtkObject.h>
#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkTimerLog.h>
#include <vtkVersion.h>

#include <atomic>

// Without CMake's generated module initialisers the object factories are empty and
// vtkRenderWindow::New() returns a base object that crashes on first render.
VTK_MODULE_INIT(vtkRenderingOpenGL2);
VTK_MODULE_INIT(vtkInteractionStyle);
VTK_MODULE_INIT(vtkRenderingFreeType);

namespace {

std::atomic<int64_t> liveHandles{0};
std::atomic<int64_t> errorCount{0};
std::atomic<int64_t> warningCount{0};

/// Prints VTK's errors as usual and counts them, so tests can assert none happened; counts
/// warnings and drops them. (vtkObject::GlobalWarningDisplayOff would drop the errors too: in
/// vtkSetGet.h both vtkErrorMacro and vtkWarningMacro test the same global flag.)
class CountingOutputWindow : public vtkOutputWindow {
public:
  static CountingOutputWindow *New();
  vtkTypeMacro(CountingOutputWindow, vtkOutputWindow);
  void DisplayErrorText(const char *text) override {
    errorCount++;
    vtkOutputWindow::DisplayErrorText(text);
  }
  void DisplayWarningText(const char *) override { warningCount++; }
  void DisplayGenericWarningText(const char *) override { warningCount++; }
};
vtkStandardNewMacro(CountingOutputWindow);

/// Runs once when the bridge is loaded: quiet VTK 9.1's per-render deprecation chatter (logged
/// through vtkLogger and as warnings), keep errors visible, install the counting output window.
struct BridgeStartup {
  BridgeStartup() {
    vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_ERROR);
    CountingOutputWindow *w = CountingOutputWindow::New();
    vtkOutputWindow::SetInstance(w);
    w->Delete();
  }
} startup;

} // namespace

void vtkb::countHandle() { liveHandles++; }

extern "C" {

void vtkb_release(vtkb_object obj) {
  if (!obj) return;
  liveHandles--;
  reinterpret_cast<vtkObjectBase *>(obj)->UnRegister(nullptr);
}

const char *vtkb_class_name(vtkb_object obj) {
  return reinterpret_cast<vtkObjectBase *>(obj)->GetClassName();
}

int vtkb_is_a(vtkb_object obj, const char *class_name) {
  return reinterpret_cast<vtkObjectBase *>(obj)->IsA(class_name);
}

int vtkb_reference_count(vtkb_object obj) {
  return reinterpret_cast<vtkObjectBase *>(obj)->GetReferenceCount();
}

int64_t vtkb_live_handles(void) { return liveHandles.load(); }

const char *vtkb_version(void) { return vtkVersion::GetVTKVersion(); }

void vtkb_random_seed(int seed) { vtkMath::RandomSeed(seed); }

double vtkb_universal_time(void) { return vtkTimerLog::GetUniversalTime(); }

int64_t vtkb_error_count(void) { return errorCount.load(); }

int64_t vtkb_warning_count(void) { return warningCount.load(); }

} // extern "C"
