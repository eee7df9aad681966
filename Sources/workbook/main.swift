import WorkbookRunner

WorkbookCommand.main()
