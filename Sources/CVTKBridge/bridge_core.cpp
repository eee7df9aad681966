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

/// Prints VTK's messages as usual and counts the errors, so tests can assert none happened.
class CountingOutputWindow : public vtkOutputWindow {
public:
  static CountingOutputWindow *New();
  vtkTypeMacro(CountingOutputWindow, vtkOutputWindow);
  void DisplayErrorText(const char *text) override {
    errorCount++;
    vtkOutputWindow::DisplayErrorText(text);
  }
};
vtkStandardNewMacro(CountingOutputWindow);

/// Runs once when the bridge is loaded: quiet the per-render deprecation chatter of VTK 9.1's
/// OpenGL mapper, keep errors visible, and install the counting output window.
struct BridgeStartup {
  BridgeStartup() {
    vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_ERROR);
    vtkObject::GlobalWarningDisplayOff();
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

} // extern "C"
